import AwardPostgres
import Foundation

/// A pack as `rules list` shows it.
public struct PackSummary: Sendable, Codable, Equatable {
    public var code: String
    public var version: Int
    public var name: String
    public var validFrom: CivilDate
    public var validTo: CivilDate?
    public var kinds: Int

    enum CodingKeys: String, CodingKey { case code, version, name, validFrom = "valid_from", validTo = "valid_to", kinds }
}

extension AwardEngine {
    /// The packs shipped with the engine (rules/*.json), imported by `migrate` when missing.
    static var bundledPacks: [String] {
        // In order: a later version of a pack valid from the same day is the one in force.
        [PackageResources.nd98_2023_json, PackageResources.nd152_2025_json, PackageResources.nd152_2025_v3_json,
         PackageResources.nd152_2025_v4_json, PackageResources.nd152_2025_v5_json,
         PackageResources.nd152_2025_v6_json]
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// Imports a rule pack from its file's text. A pack with the same code and version is refused:
    /// a change is a new version.
    public func importPack(_ text: String) async throws(AwardError) -> PackSummary {
        let pack = try RulePack.parse(text)
        return try await transaction { c in
            guard try PackStore.insert(c, pack) else {
                throw AwardError(.refused, code: .duplicatePack, "rule pack \(pack.code) version \(pack.version) exists already; packs never change, import a new version")
            }
            return Self.summary(pack)
        }
    }

    static func summary(_ pack: RulePack) -> PackSummary {
        PackSummary(code: pack.code, version: pack.version, name: pack.name, validFrom: pack.validFrom, validTo: pack.validTo, kinds: pack.kinds.count)
    }

    /// Every pack, oldest validity first.
    public func packs() async throws(AwardError) -> [PackSummary] {
        let cache = packCache
        return try await lease { c in
            try PackStore.ids(c).map { Self.summary(try cache.pack(c, id: $0)) }
        }
    }

    /// One pack by code (the highest version unless given), or the one in force on a date.
    public func pack(code: String? = nil, version: Int? = nil, on date: CivilDate? = nil) async throws(AwardError) -> RulePack {
        let cache = packCache
        return try await lease { c in
            if let code {
                guard let id = try PackStore.id(c, code: code, version: version) else {
                    throw AwardError(.notFound, code: .unknownPack, "no rule pack \(code)\(version.map { " version \($0)" } ?? "")")
                }
                return try cache.pack(c, id: id)
            }
            return try cache.packInForce(c, on: date ?? Self.today(Date())).pack
        }
    }
}

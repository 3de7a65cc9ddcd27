@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Issue 30, Build 2: the facts the ministry's statistics count, and the CCCD as personal data
/// (Decree 13/2023): checked, sealed at rest, whole only where the policy allows, exported only
/// when asked for by a role that may.
@Suite struct ProfileTests {
    static let number = "001185012345"   // Hà Nội, a woman born in 1985.

    @Test func aMalformedCitizenIdIsRefusedNamingTheFieldAndChangesNothing() async throws {
        try await TestDatabase.withEngine { engine, db in
            engine.usePersonalDataKey(try PersonalDataKey(base64: PersonalDataKey.generate()))
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Thị Hoa", nomineeType: .individual), by: u.lan)
            let born = CivilDate(iso: "1985-03-08")!
            for (text, sex) in [("12345", Sex.female), ("00118501234X", .female), ("003185012345", .female), ("999185012345", .female),
                                (Self.number, .male), ("001190012345", .female)] {
                let refused = await #expect(throws: AwardError.self) {
                    try await engine.setProfile(of: n.nominee.id, ProfileInput(birthDate: born, sex: sex, cccd: text), by: u.lan)
                }
                #expect(refused?.code == .badCitizenId && refused?.field == "cccd", "\(text)")
                // The number is never repeated back.
                #expect(refused.map { !$0.message.contains(text) && !$0.messageVI.contains(text) } == true, "\(text)")
            }
            #expect(try db.count("SELECT count(*) AS n FROM nominees WHERE birth_date IS NOT NULL OR cccd_sealed IS NOT NULL") == 0)

            // Facts of a person are refused on a collective, an enterprise flag on a person.
            let c = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Tổ dân phố số 3", nomineeType: .collective), by: u.lan)
            let onCollective = await #expect(throws: AwardError.self) {
                try await engine.setProfile(of: c.nominee.id, ProfileInput(sex: .male), by: u.lan)
            }
            #expect(onCollective?.code == .factsNotForType)
            let onPerson = await #expect(throws: AwardError.self) {
                try await engine.setProfile(of: n.nominee.id, ProfileInput(enterprise: true), by: u.lan)
            }
            #expect(onPerson?.code == .factsNotForType)
            let enterprise = try await engine.setProfile(of: c.nominee.id, ProfileInput(enterprise: true), by: u.lan)
            #expect(enterprise.enterprise == true)
        }
    }

    @Test func theNumberIsSealedShownWholeOnlyWithinTheUnitsJurisdictionAndNeverTwice() async throws {
        try await TestDatabase.withEngine { engine, db in
            engine.usePersonalDataKey(try PersonalDataKey(base64: PersonalDataKey.generate()))
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Thị Hoa", nomineeType: .individual), by: u.lan)
            let id = n.nominee.id
            let written = try await engine.setProfile(of: id, ProfileInput(birthDate: CivilDate(iso: "1985-03-08"), sex: .female,
                                                                           positionClass: .worker, cccd: "001 185 012 345"), by: u.lan)
            #expect(written.cccd == Self.number && !written.cccdMasked && written.positionClass == .worker && written.recordedBy == "lan")

            // At rest: neither the digits nor anything the database could read back as them.
            #expect(try db.count("SELECT count(*) AS n FROM nominees WHERE cccd_sealed IS NOT NULL AND octet_length(cccd_digest) = 32") == 1)
            #expect(try db.count("""
                SELECT count(*) AS n FROM nominees
                WHERE position(convert_to(\(Self.number), 'UTF8') IN cccd_sealed) > 0
                   OR position(convert_to(\("012345"), 'UTF8') IN cccd_sealed) > 0
                """) == 0)

            // Whole for the officers over the unit; the auditor sees three digits; another district nothing.
            #expect(try await engine.profile(of: id, viewer: u.lan).cccd == Self.number)
            #expect(try await engine.profile(of: id, viewer: u.hoa).cccd == Self.number)
            let audited = try await engine.profile(of: id, viewer: u.thanh)
            #expect(audited.cccd == "*********345" && audited.cccdMasked && !audited.mayRecord)
            let outside = await #expect(throws: AwardError.self) { try await engine.profile(of: id, viewer: u.sung) }
            #expect(outside?.code == .unknownNominee)
            let foreignWrite = await #expect(throws: AwardError.self) {
                try await engine.setProfile(of: id, ProfileInput(sex: .female), by: u.pao)
            }
            #expect(foreignWrite?.category == .notFound)

            // Moved to another district: the old ward sees the nominations it proposed, the number masked.
            _ = try await engine.transferNominee(id, to: "X-TP", reason: "Chuyển công tác", by: u.hoa)
            let oldWard = try await engine.profile(of: id, viewer: u.lan)
            #expect(oldWard.cccd == "*********345" && oldWard.cccdMasked && !oldWard.mayRecord)
            #expect(try await engine.profile(of: id, viewer: u.pao).cccd == Self.number)

            // The same number on a second nominee is refused, by the engine and by the database.
            let other = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Thị Hoà", nomineeType: .individual), by: u.lan)
            let twice = await #expect(throws: AwardError.self) {
                try await engine.setProfile(of: other.nominee.id, ProfileInput(cccd: Self.number), by: u.lan)
            }
            #expect(twice?.code == .duplicateCitizenId && twice?.field == "cccd")
            let copied = await #expect(throws: AwardError.self) {
                try await engine.transaction { c in
                    _ = try c.execute("UPDATE nominees SET cccd_sealed = (SELECT cccd_sealed FROM nominees WHERE id = \(id)), cccd_digest = (SELECT cccd_digest FROM nominees WHERE id = \(id)) WHERE id = \(other.nominee.id)")
                }
            }
            #expect(copied?.code == .duplicateCitizenId)

            // A date of birth that contradicts the kept number is refused.
            let contradicts = await #expect(throws: AwardError.self) {
                try await engine.setProfile(of: id, ProfileInput(birthDate: CivilDate(iso: "1990-01-01"), sex: .female), by: u.pao)
            }
            #expect(contradicts?.code == .badCitizenId)
            // Without the key the number can be neither written nor read.
            engine.usePersonalDataKey(nil)
            #expect(try await engine.profile(of: id, viewer: u.pao).cccd == "************")
            let noKey = await #expect(throws: AwardError.self) {
                try await engine.setProfile(of: other.nominee.id, ProfileInput(cccd: "001085012346"), by: u.lan)
            }
            #expect(noKey?.code == .personalDataKeyMissing)
        }
    }

    @Test func theNumberIsExportedOnlyWhenAskedForByARoleThatMay() async throws {
        try await TestDatabase.withEngine { engine, _ in
            engine.usePersonalDataKey(try PersonalDataKey(base64: PersonalDataKey.generate()))
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Thị Hoa", nomineeType: .individual), by: u.lan)
            _ = try await engine.setProfile(of: n.nominee.id, ProfileInput(birthDate: CivilDate(iso: "1985-03-08"), sex: .female, cccd: Self.number), by: u.lan)
            _ = try await engine.perform(.approve, on: n.id, by: u.minh, decision: .init(number: "12/QĐ-UBND", date: CivilDate(iso: "2026-11-02")!))
            var query = AwardeeQuery(year: 2026)
            let plain = try await engine.awardees(query, viewer: u.minh)
            #expect(plain.count == 1 && plain[0].cccd == nil)
            #expect(String(decoding: try JSON.encoder.encode(plain), as: UTF8.self).contains("cccd") == false)
            #expect(!CSV.document(plain).contains(Self.number))

            query.withCitizenId = true
            let asked = try await engine.awardees(query, viewer: u.minh)
            #expect(asked[0].cccd == Self.number)
            #expect(CSV.document(asked.map(AwardeeWithCitizenId.init)).contains(Self.number))
            // Never in JSON, even when asked.
            #expect(!String(decoding: try JSON.encoder.encode(asked), as: UTF8.self).contains(Self.number))
            for viewer in [u.lan, u.thanh] {
                let refused = await #expect(throws: AwardError.self) { try await engine.awardees(query, viewer: viewer) }
                #expect(refused?.category == .forbidden)
            }
        }
    }
}

import AwardDomain
import AwardPostgres
import Foundation

extension AwardEngine {
    /// Gives the engine the key that seals citizen identity numbers (`nil`: none; numbers can then
    /// be neither recorded nor read, and are shown masked).
    public func usePersonalDataKey(_ key: PersonalDataKey?) { personalDataKeyBox.withLock { $0 = key } }

    var personalDataKey: PersonalDataKey? { personalDataKeyBox.withLock { $0 } }

    /// A nominee's profile for whoever may read the nominee: the CCCD whole only where the policy
    /// lets the caller read personal data of the nominee's home unit, else its last three digits.
    public func profile(of id: Int64, viewer: Principal?) async throws(AwardError) -> NomineeProfile {
        let key = personalDataKey
        return try await lease { c in
            let reach = try Access.nominee(c, id, viewer)
            guard let stored = try ProfileStore.read(c, nominee: id) else { throw Self.unknownNominee(id) }
            var profile = Self.reveal(stored, whole: try reach == .whole && Access.personalData(c, id, viewer), key: key)
            profile.mayRecord = try reach == .whole && Access.mayRecordFacts(c, id, viewer)
            return profile
        }
    }

    /// Records a nominee's profile, by an officer whose jurisdiction covers its home unit. The CCCD
    /// is checked (12 digits, a province code, the year of birth and sex it encodes), sealed and
    /// refused when another nominee holds it already.
    public func setProfile(of id: Int64, _ input: ProfileInput, by principal: Principal?) async throws(AwardError) -> NomineeProfile {
        if let principal { try Policy.require(principal, .recordNomineeFacts) }
        let today = Self.today(Date())
        let key = personalDataKey
        return try await transaction { c in
            try Access.nomineeForFacts(c, id, principal)
            guard let stored = try ProfileStore.read(c, nominee: id, lock: true) else { throw Self.unknownNominee(id) }
            let number = try input.validated(for: stored.profile.type, today: today)
            let change: ProfileStore.CCCDChange
            if let number {
                guard let key else { throw Self.noPersonalDataKey }
                let digest = Hex.encode(key.digest(number))
                if let holder = try ProfileStore.holder(c, digest: digest), holder != id { throw Self.duplicateCitizenId(holder) }
                change = .set(sealed: Hex.encode(try key.seal(number)), digest: digest)
            } else if input.removeCccd == true {
                change = .remove
            } else {
                // The number kept must still agree with the date of birth and sex now given.
                if let sealed = stored.sealed, let key, let digits = Hex.decode(sealed).flatMap(key.open) {
                    _ = try CitizenID(digits, birthYear: input.birthDate?.year, sex: input.sex)
                }
                change = .keep
            }
            try ProfileStore.write(c, nominee: id, input, cccd: change, by: principal?.name ?? "awardctl")
            guard let written = try ProfileStore.read(c, nominee: id) else { throw Self.unknownNominee(id) }
            var profile = Self.reveal(written, whole: true, key: key)
            profile.mayRecord = true
            return profile
        }
    }

    /// Opens the numbers of the awardees whose nominee's home lies within `scope` (others stay empty).
    static func fillCitizenIds(_ c: Connection, _ rows: inout [Awardee], within scope: Scope, key: PersonalDataKey?) throws {
        guard !rows.isEmpty else { return }
        guard let key else { throw noPersonalDataKey }
        let sealed = try ProfileStore.sealed(c, nominations: rows.map(\.nominationId), within: scope.root)
        for i in rows.indices {
            rows[i].cccd = sealed[rows[i].nominationId].flatMap(Hex.decode).flatMap(key.open) ?? ""
        }
    }

    /// The stored profile with its number opened: whole, or masked to its last three digits.
    static func reveal(_ stored: ProfileStore.Stored, whole: Bool, key: PersonalDataKey?) -> NomineeProfile {
        var profile = stored.profile
        guard let sealed = stored.sealed else { return profile }
        guard let key, let digits = Hex.decode(sealed).flatMap(key.open) else { return profile }
        profile.cccd = whole ? digits : CitizenID.mask(digits)
        profile.cccdMasked = !whole
        return profile
    }

    static func unknownNominee(_ id: Int64) -> AwardError {
        AwardError(.notFound, code: .unknownNominee, "no nominee with id \(id)", vi: "Không có đối tượng số \(id).")
    }

    static let noPersonalDataKey = AwardError(
        .refused, code: .personalDataKeyMissing,
        "cccd: the server has no personal-data key (personal-data-key-file), so citizen identity numbers cannot be recorded",
        vi: "Máy chủ chưa được cấu hình khóa bảo vệ dữ liệu cá nhân (personal-data-key-file) nên chưa ghi được số CCCD.", field: "cccd")

    static func duplicateCitizenId(_ holder: Int64) -> AwardError {
        AwardError(.conflict, code: .duplicateCitizenId, "cccd: this citizen identity number is recorded for nominee \(holder) already",
                   vi: "Số CCCD này đã được ghi cho đối tượng số \(holder); mỗi người chỉ có một hồ sơ đối tượng.", field: "cccd")
    }
}

extension Access {
    /// Whether the caller may read a nominee's personal data whole: the policy judges it against the
    /// unit that holds the nominee's home.
    static func personalData(_ c: Connection, _ id: Int64, _ principal: Principal?) throws -> Bool {
        guard let home = try nomineeHome(c, id) else { return false }
        return Policy.allows(principal, .readPersonalData, Subject(org: try heldHome(c, principal, home)))
    }

    /// Whether the caller may record the nominee's facts (for a form; the write asks again).
    static func mayRecordFacts(_ c: Connection, _ id: Int64, _ principal: Principal?) throws -> Bool {
        guard let home = try nomineeHome(c, id) else { return false }
        let held = try heldHome(c, principal, home)
        return Policy.allows(principal, .recordNomineeFacts, Subject(org: held, nomineeHome: held))
    }

    /// A nominee whose facts the caller may record: its home unit within the caller's reach.
    static func nomineeForFacts(_ c: Connection, _ id: Int64, _ principal: Principal?) throws {
        guard let home = try nomineeHome(c, id) else { throw AwardEngine.unknownNominee(id) }
        let held = try heldHome(c, principal, home)
        try Policy.require(principal, .recordNomineeFacts, Subject(org: held, nomineeHome: held))
    }
}

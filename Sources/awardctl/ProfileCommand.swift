import AwardDomain
import AwardEngine
import ArgumentParser
import Foundation

extension Sex: ExpressibleByArgument {}
extension PositionClass: ExpressibleByArgument {}

extension Nominee {
    /// `awardctl nominee profile ID`: show a nominee's profile, or record it.
    struct Profile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A nominee's profile as the statistics count it: date of birth, sex, position class and CCCD; a collective's enterprise flag.",
            discussion: """
                Without a fact to record, shows it (the CCCD whole only where --as may read personal data of the nominee's unit).
                Recording replaces the facts given with those given now (an absent one is cleared); the CCCD stays unless --cccd
                or --remove-cccd. The CCCD is sealed with the personal-data key (AWARD_PERSONAL_DATA_KEY_FILE, or the embedded
                cluster's .award/personal-data-key). Position classes: senior_leader, department_leader, business_manager,
                other_leader, worker.
                Example: awardctl nominee profile 42 --birth-date 1980-05-14 --sex female --position-class worker --cccd 001180012345 --as le.hoa
                """)
        @Argument(help: "The nominee's number.") var id: Int64
        @Option(name: .customLong("birth-date"), help: "YYYY-MM-DD or dd/mm/yyyy.") var birthDate: CivilDate?
        @Option(help: "male or female.") var sex: Sex?
        @Option(name: .customLong("position-class"), help: "As forms 0602 and 0603 count individuals.") var positionClass: PositionClass?
        @Flag(inversion: .prefixedNo, help: "A collective that is (or is not) an enterprise.") var enterprise: Bool?
        @Option(help: "The citizen identity number: 12 digits.") var cccd: String?
        @Flag(name: .customLong("remove-cccd"), help: "Remove the recorded CCCD.") var removeCccd = false
        @Option(name: .customLong("as"), help: ArgumentHelp("The user who reads or records it.", valueName: "user")) var actor: String?
        @OptionGroup var io: CommandIO

        var records: Bool {
            birthDate != nil || sex != nil || positionClass != nil || enterprise != nil || cccd != nil || removeCccd
        }

        func run() async throws {
            let input = ProfileInput(birthDate: birthDate, sex: sex, positionClass: positionClass, enterprise: enterprise,
                                     cccd: cccd, removeCccd: removeCccd ? true : nil)
            try await io.one { engine in
                var principal: Principal? = nil
                if let actor { principal = try await engine.principal(named: actor) }
                return records ? try await engine.setProfile(of: id, input, by: principal)
                               : try await engine.profile(of: id, viewer: principal)
            }
        }
    }
}

extension NomineeProfile: Tabular {
    public static var headers: [String] {
        ["nominee_id", "type", "birth_date", "sex", "position_class", "enterprise", "cccd", "recorded_by", "recorded_at"]
    }

    public var cells: [String] {
        [String(nomineeId), type.rawValue, birthDate?.vietnamese ?? "", sex?.vietnamese ?? "", positionClassText ?? "",
         enterprise.map { $0 ? "có" : "không" } ?? "", cccd ?? "", recordedBy ?? "", recordedAt.map { CSV.vietnameseDateTime($0) } ?? ""]
    }
}

/// What the rules need to know about a nominee: its counting awards, ratings, initiatives and
/// disciplinary record. Ad hoc and thematic awards are never among `awards`.
public struct NomineeFacts: Sendable, Codable, Equatable {
    public struct Award: Sendable, Codable, Equatable {
        public var kind: String
        public var year: Int
    }
    public struct Rating: Sendable, Codable, Equatable {
        public var year: Int
        public var rating: TaskRating
    }
    public struct Initiative: Sendable, Codable, Equatable {
        public var year: Int
        public var scope: String
    }
    public struct Discipline: Sendable, Codable, Equatable {
        public var status: String
        public var from: CivilDate
        public var to: CivilDate?
    }
    /// An accepted registration (đăng ký thi đua): the year and the titles aimed at.
    public struct Registration: Sendable, Codable, Equatable {
        public var year: Int
        public var kinds: [String]
        public var campaign: String
    }
    public var awards: [Award]
    public var ratings: [Rating]
    public var initiatives: [Initiative]
    public var discipline: [Discipline]
    public var registrations: [Registration]
    /// The years in which a campaign covering the nominee's unit requires registration.
    public var registrationYears: [Int]

    public init(awards: [Award] = [], ratings: [Rating] = [], initiatives: [Initiative] = [], discipline: [Discipline] = [],
                registrations: [Registration] = [], registrationYears: [Int] = []) {
        self.awards = awards
        self.ratings = ratings
        self.initiatives = initiatives
        self.discipline = discipline
        self.registrations = registrations
        self.registrationYears = registrationYears
    }
}

/// One rule that failed, explained for the officer (and why, and where the law says so).
public struct EligibilityReason: Sendable, Codable, Equatable {
    public var code: ErrorCode
    public var messageVi: String
    public var messageEn: String
    public var source: String

    enum CodingKeys: String, CodingKey { case code, messageVi = "message_vi", messageEn = "message_en", source }
}

/// The outcome of the eligibility rules for one nomination.
public struct EligibilityResult: Sendable, Codable, Equatable {
    public var eligible: Bool
    /// The rules that failed (empty when eligible).
    public var reasons: [EligibilityReason]
    /// The codes of every rule evaluated.
    public var checked: [String]
    /// The override that let an ineligible nomination through, if any.
    @ExplicitNull public var override: String?
    /// The kind's conditions attested by the proposing officer rather than checked from the
    /// record, each with its source (packs with a catalogue); absent otherwise.
    public var attested: [KindCatalogue.Condition]?

    public init(eligible: Bool, reasons: [EligibilityReason], checked: [String], override: String? = nil) {
        self.eligible = eligible
        self.reasons = reasons
        self.checked = checked
        self.override = override
    }

    enum CodingKeys: String, CodingKey { case eligible, reasons, checked, override, attested }

}

/// The prerequisites as pure guards: no I/O; the caller passes the facts and today's date.
public enum Eligibility {
    /// Evaluates `kind`'s prerequisites, and the disciplinary block, for a nominee of `type`
    /// nominated for the achievement `year`.
    public static func evaluate(kind: KindRule, nomineeType: NomineeType, year: Int?, facts: NomineeFacts, today: CivilDate) -> EligibilityResult {
        var reasons: [EligibilityReason] = []
        var checked = ["not_under_review"]
        // Blocked while under disciplinary review, investigation or inspection.
        if let review = facts.discipline.first(where: { $0.status == "review" && $0.from <= today && ($0.to.map { today <= $0 } ?? true) }) {
            reasons.append(.init(
                code: .underReview,
                messageVi: "Đối tượng đang trong thời gian xem xét kỷ luật, điều tra, thanh tra (từ \(review.from.vietnamese)); chưa được đề nghị khen thưởng.",
                messageEn: "The nominee is under disciplinary review, investigation or inspection since \(review.from.vietnamese); no nomination can proceed.",
                source: "Luật Thi đua, khen thưởng 2022, Điều 7"))
        }
        // After a penalty, achievements count only from its end.
        let penaltyEndYear = facts.discipline.filter { $0.status == "penalty" }.compactMap { $0.to?.year }.max()
        func counts(_ y: Int) -> Bool { penaltyEndYear.map { y > $0 } ?? true }
        func hasAward(_ kind: String, _ y: Int) -> Bool { counts(y) && facts.awards.contains { $0.kind == kind && $0.year == y } }
        func rating(_ y: Int) -> TaskRating? { counts(y) ? facts.ratings.first { $0.year == y }?.rating : nil }

        for rule in kind.prerequisites ?? [] {
            if let types = rule.appliesTo, !types.contains(nomineeType) { continue }
            checked.append(rule.rule)
            guard let year else {
                reasons.append(.init(code: .yearRequired,
                                     messageVi: "Cần ghi năm thành tích để xét điều kiện \(kind.nameVi).",
                                     messageEn: "The achievement year is needed to check the conditions of \(kind.nameEn).",
                                     source: rule.source))
                continue
            }
            switch rule.rule {
            case "consecutive_awards":
                let needed = rule.count ?? 1
                let required = rule.kind ?? ""
                let years = Array((year - needed)..<year)
                let missing = years.filter { !hasAward(required, $0) }
                if !missing.isEmpty {
                    let list = missing.map(String.init).joined(separator: ", ")
                    reasons.append(.init(
                        code: .consecutiveAwards,
                        messageVi: "\(kind.nameVi) cần \(needed) năm liên tục đạt \(required) (\(years.map(String.init).joined(separator: ", "))); thiếu năm \(list).",
                        messageEn: "\(kind.nameEn) needs \(required) in \(needed) consecutive years (\(years.map(String.init).joined(separator: ", "))); missing \(list).",
                        source: rule.source))
                }
            case "same_year_award_and_merit":
                let required = rule.kind ?? ""
                let excellent = rating(year) == .htxsnv
                let initiative = counts(year) && facts.initiatives.contains { $0.year == year }
                if !hasAward(required, year) {
                    reasons.append(.init(
                        code: .sameYearAward,
                        messageVi: "\(kind.nameVi) năm \(year) cần đạt \(required) cùng năm; chưa có.",
                        messageEn: "\(kind.nameEn) for \(year) needs \(required) in the same year; there is none.",
                        source: rule.source))
                }
                if !excellent && !initiative {
                    reasons.append(.init(
                        code: .meritRequired,
                        messageVi: "\(kind.nameVi) năm \(year) cần hoàn thành xuất sắc nhiệm vụ (HTXSNV) hoặc có sáng kiến được công nhận trong năm.",
                        messageEn: "\(kind.nameEn) for \(year) needs an excellent rating (HTXSNV) or a recognised initiative that year.",
                        source: rule.source))
                }
            case "prior_award_then_ratings":
                let kinds = rule.kinds ?? []
                let span = rule.years ?? 5
                let floor = rule.minRating ?? .httnv
                guard let prior = facts.awards.filter({ kinds.contains($0.kind) && $0.year < year && counts($0.year) }).map(\.year).max() else {
                    reasons.append(.init(
                        code: .priorAwardRequired,
                        messageVi: "\(kind.nameVi) cần đã được tặng \(kinds.joined(separator: " hoặc ")) trước đó; chưa có.",
                        messageEn: "\(kind.nameEn) needs an earlier \(kinds.joined(separator: " or ")); there is none.",
                        source: rule.source))
                    continue
                }
                let window = Array((year - span + 1)...year)
                let short = window.filter { $0 <= prior || (rating($0).map { $0 < floor } ?? true) }
                if !short.isEmpty {
                    reasons.append(.init(
                        code: .consecutiveRatings,
                        messageVi: "Từ năm \(prior) (\(kinds.joined(separator: "/"))) cần \(span) năm liên tục (\(window.first!)–\(window.last!)) đạt \(floor.rawValue) trở lên; chưa đạt các năm \(short.map(String.init).joined(separator: ", ")).",
                        messageEn: "Since \(prior) (\(kinds.joined(separator: "/"))) \(span) consecutive years (\(window.first!)–\(window.last!)) rated \(floor.rawValue) or better are needed; not met in \(short.map(String.init).joined(separator: ", ")).",
                        source: rule.source))
                }
                if let including = rule.includingKind {
                    let needed = rule.includingCount ?? 1
                    let have = window.filter { $0 > prior && hasAward(including, $0) }.count
                    if have < needed {
                        reasons.append(.init(
                            code: .includingAwards,
                            messageVi: "Trong \(span) năm đó cần ít nhất \(needed) lần \(including); mới có \(have).",
                            messageEn: "Those \(span) years must include \(needed) × \(including); there are \(have).",
                            source: rule.source))
                    }
                }
            case "registration_required":
                // Only years from the rule's date, and only where a campaign asks for registration.
                guard year >= (rule.fromYear ?? Int.min), facts.registrationYears.contains(year) else { continue }
                if !facts.registrations.contains(where: { $0.year == year && $0.kinds.contains(kind.code) }) {
                    reasons.append(.init(
                        code: .registrationRequired,
                        messageVi: "\(kind.nameVi) năm \(year) chỉ được xét cho tập thể, cá nhân đã đăng ký thi đua danh hiệu này và được chấp nhận; chưa có đăng ký.",
                        messageEn: "\(kind.nameEn) for \(year) is considered only for those whose registration (đăng ký thi đua) for it was accepted; there is none.",
                        source: rule.source))
                }
            default:
                break
            }
        }
        var result = EligibilityResult(eligible: reasons.isEmpty, reasons: reasons, checked: checked)
        // The conditions no record can show: the proposing officer attests them by sending the dossier up.
        let attested = kind.catalogue?.conditions.filter { $0.check == .attested } ?? []
        result.attested = attested.isEmpty ? nil : attested
        return result
    }
}

/// A council's vote on an approval.
public struct VoteTally: Sendable, Codable, Equatable {
    public var members: Int
    public var present: Int
    public var inFavour: Int
    public var secretBallot: Bool

    public init(members: Int, present: Int, inFavour: Int, secretBallot: Bool = true) {
        self.members = members
        self.present = present
        self.inFavour = inFavour
        self.secretBallot = secretBallot
    }

    enum CodingKeys: String, CodingKey { case members, present, inFavour = "in_favour", secretBallot = "secret_ballot" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        members = Int(try Bound.members.decode(c, .members))
        present = Int(try Bound.present.decode(c, .present))
        inFavour = Int(try Bound.inFavour.decode(c, .inFavour))
        secretBallot = try c.decodeIfPresent(Bool.self, forKey: .secretBallot) ?? true
    }

    /// Parses `MEMBERS/PRESENT/IN_FAVOUR`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let m = parts[0], let p = parts[1], let f = parts[2] else { return nil }
        self.init(members: m, present: p, inFavour: f)
    }

    /// The tally itself, before any rule: each figure within its range (so that no arithmetic on
    /// it can overflow), and members ≥ present ≥ in favour.
    public func validated() throws(AwardError) -> VoteTally {
        _ = try Bound.members.check(members)
        _ = try Bound.present.check(present)
        _ = try Bound.inFavour.check(inFavour)
        guard present <= members, inFavour <= present else {
            throw AwardError(.invalidInput, code: .voteInvalid, "the tally \(members)/\(present)/\(inFavour) is impossible: members ≥ present ≥ in favour ≥ 0",
                             vi: "Số liệu biểu quyết \(members)/\(present)/\(inFavour) không hợp lệ: tổng số thành viên ≥ số có mặt ≥ số đồng ý ≥ 0.")
        }
        return self
    }

    /// Checks the tally against the rule: consistent figures, a quorum of two thirds of all
    /// members present, and the threshold as a share of all members.
    public func check(against rule: VoteRule, kindName: String) throws(WorkflowError) {
        guard Bound.members.range.contains(Int64(members)), Bound.present.range.contains(Int64(present)),
              Bound.inFavour.range.contains(Int64(inFavour)), present <= members, inFavour <= present else {
            throw WorkflowError(code: .voteInvalid, message: "the tally \(members)/\(present)/\(inFavour) is impossible: members ≥ present ≥ in favour ≥ 0",
                                vi: "Số liệu biểu quyết \(members)/\(present)/\(inFavour) không hợp lệ: tổng số thành viên ≥ số có mặt ≥ số đồng ý ≥ 0.")
        }
        guard present * 3 >= members * 2 else {
            throw WorkflowError(code: .voteFailed, message: "no quorum: \(present) of \(members) members present, at least two thirds (\((2 * members + 2) / 3)) are needed",
                                vi: "Không đủ số thành viên dự họp: \(present)/\(members) có mặt, cần ít nhất hai phần ba (\((2 * members + 2) / 3)).")
        }
        let needed = Int((rule.threshold * Double(members) - 1e-9).rounded(.up))
        guard inFavour >= needed else {
            let share = Int((Double(inFavour) / Double(members) * 100).rounded())
            throw WorkflowError(
                code: .voteFailed,
                message: "the vote for \(kindName) failed: \(inFavour) of \(members) members in favour (\(share)%), at least \(Int((rule.threshold * 100).rounded()))% of all members (\(needed)) is needed",
                vi: "Biểu quyết «\(kindName)» chưa đạt: \(inFavour)/\(members) thành viên đồng ý (\(share)%), cần ít nhất \(Int((rule.threshold * 100).rounded()))% tổng số thành viên (\(needed)).")
        }
    }
}

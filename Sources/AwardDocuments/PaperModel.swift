import AwardEngine
import Foundation

/// The values the paper templates print, as mustache reads them (string keys, no reflection).
/// Every name a template may use is listed in README's "Papers" section.
enum PaperModel {
    /// "1.620.000": đồng with dots between thousands, as Vietnamese papers write money.
    static func money(_ amount: Int64) -> String {
        let digits = String(amount)
        var out = ""
        for (i, character) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "." }
            out.append(character)
        }
        return out
    }

    /// "02 tập thể và 05 cá nhân": counts below 10 with a leading zero.
    static func counted(_ recipients: [PaperRecipient]) -> String {
        let parts = [(NomineeType.collective, "tập thể"), (.household, "hộ gia đình"), (.individual, "cá nhân")].compactMap { type, word -> String? in
            let n = recipients.filter { $0.type == type }.count
            return n == 0 ? nil : (n < 10 ? "0\(n)" : "\(n)") + " " + word
        }
        guard parts.count > 1 else { return parts.joined() }
        return parts.dropLast().joined(separator: ", ") + " và " + parts.last!
    }

    static func vote(_ tally: VoteTally?) -> String {
        guard let tally else { return "" }
        let share = tally.members > 0 ? Int((Double(tally.inFavour) * 100 / Double(tally.members)).rounded()) : 0
        return "\(tally.inFavour)/\(tally.members) (\(share)%)"
    }

    /// The lines of an attached list: STT, name, unit, form, bonus and the vote.
    static func rows(_ recipients: [PaperRecipient], kindName: String) -> [[String: Any]] {
        recipients.enumerated().map { index, r in
            [
                "index": index + 1, "name": r.name, "type": r.type.vietnamese, "unit": r.unit, "kind": kindName,
                "reason": r.reason ?? "", "bonus": r.bonusVnd.map(money) ?? "", "vote": vote(r.vote),
                "year": r.year.map(String.init) ?? "", "collective": r.type != .individual,
            ] as [String: Any]
        }
    }

    /// Legal bases in italics: each ends with ";" but the last, which ends with ".".
    static func bases(_ lines: [String]) -> [[String: Any]] {
        let cleaned = lines.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: ";.")) }
            .filter { !$0.isEmpty }
        return cleaned.enumerated().map { i, line in ["text": line + (i == cleaned.count - 1 ? "." : ";")] }
    }

    static func heading(_ authority: Authority) -> [String: Any] {
        let heading = authority.heading
        return ["governing": heading.governing ?? "", "hasGoverning": heading.governing != nil,
                "issuerLines": heading.issuer.map { ["line": $0] }]
    }

    /// A decision (award or revocation) with its list.
    static func decision(_ paper: DecisionPaper) -> [String: Any] {
        let decision = paper.sheet.decision
        let authority = Authority(org: paper.issuer)
        let revocation = paper.sheet.purpose == "revocation"
        // The issuer's organisation law, the emulation law and its decree, then what the issuer adds.
        let given = (decision.legalBasis ?? "").split(whereSeparator: { $0 == "\n" || $0 == ";" }).map { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.lowercased().hasPrefix("căn cứ") || text.lowercased().hasPrefix("theo") ? text : "Căn cứ " + text
        }.filter { !$0.isEmpty }
        let organisation = given.filter { $0.contains("Luật Tổ chức") }
        var legal = organisation.isEmpty ? (authority.organisationLaw(on: decision.date).map { [$0] } ?? []) : organisation
        legal.append("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022")
        if let decree = Authority.emulationDecree(on: decision.date), !given.contains(where: { $0.contains("Nghị định số 152/2025") || $0.contains("Nghị định số 98/2023") }) {
            legal.append(decree)
        }
        legal += given.filter { !$0.contains("Luật Tổ chức") }
        // A proposing administrative unit proposes through its People's Committee ("Phường Lào Cai" → "UBND phường Lào Cai").
        let proposers = paper.proposers.map { name in Authority.expand(name).map { "UBND " + $0.rest } ?? name }
        if !proposers.isEmpty { legal.append("Theo đề nghị của " + proposers.joined(separator: ", ")) }
        let total = decision.totalBonusVnd
        let period = decision.achievementPeriod.map { " trong \($0)" } ?? ""
        let list = rows(paper.recipients, kindName: paper.kindName)
        var model: [String: Any] = heading(authority)
        model.merge([
            "number": Authority.paperNumber(decision.number), "numberLine": "Số: \(Authority.paperNumber(decision.number))",
            "firstReceiver": "Như Điều 3", "placeAndDate": authority.placeAndDate(decision.date),
            "date": decision.date.vietnamese, "writtenDate": Authority.writtenDate(decision.date),
            "deciding": authority.deciding, "kindName": paper.kindName, "revocation": revocation,
            "subject": revocation ? "Về việc hủy bỏ quyết định khen thưởng" : "Về việc tặng \(paper.kindName)",
            "bases": bases(legal), "counted": counted(paper.recipients), "period": period,
            "bonusTotal": total.map(money) ?? "", "hasBonus": (total ?? 0) > 0,
            "signature": authority.signature(prefix: decision.signerPrefix, title: decision.signerTitle).map { ["line": $0] },
            "signer": decision.signer ?? "", "issuerName": paper.issuer.name, "issuerUpper": Authority.upper(paper.issuer.name),
            "recipients": list, "count": list.count,
            "listTitle": revocation ? "DANH SÁCH HỦY BỎ KHEN THƯỞNG" : "DANH SÁCH \(Authority.upper(paper.kindName))",
            // Its code to /verify, with a QR code once the site's public address is set.
            "verify": (try? CertificateSheet.verifyBlock(code: paper.verifyCode, publicURL: paper.publicURL)) ?? ["code": Verification.grouped(paper.verifyCode)],
            "reference": "Kèm theo Quyết định số \(Authority.paperNumber(decision.number)) \(Authority.writtenDate(decision.date)) của \(authority.decidingName)",
        ], uniquingKeysWith: { $1 })
        return model
    }

    /// A proposal letter (tờ trình) from the forwarding org to the next, with its list and votes.
    static func proposal(_ paper: ProposalPaper, date: CivilDate) -> [String: Any] {
        let authority = Authority(org: paper.from)
        let kinds = paper.kindNames.joined(separator: ", ")
        let list = rows(paper.recipients, kindName: kinds)
        let votes = paper.recipients.compactMap(\.vote)
        // What goes with the letter: only what the dossiers hold.
        let held: [String] = paper.documentNames.map { $0.lowercased(with: Locale(identifier: "vi_VN")) }
        let enclosed: String = (["tờ trình", "danh sách"] + held).joined(separator: ", ")
        var model: [String: Any] = heading(authority)
        model.merge([
            "placeAndDate": authority.placeAndDate(date), "date": date.vietnamese, "kindName": kinds,
            "numberLine": "Số:\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}/TTr-\(Authority.abbreviation(paper.from))", "firstReceiver": "Như trên",
            "subject": "Về việc đề nghị tặng \(kinds)", "to": Authority(org: paper.to).decidingName, "from": paper.from.name,
            "toDeciding": Authority(org: paper.to).decidingName,
            // A tier that does not decide is asked to consider and submit to the one that does.
            "ask": paper.decider.map { "xem xét, trình \(Authority(org: $0).decidingName)" } ?? "xem xét, quyết định",
            "enclosed": enclosed,
            "askToAward": paper.decider.map { "xem xét, trình \(Authority(org: $0).decidingName) tặng" } ?? "xem xét, tặng",
            "counted": counted(paper.recipients), "recipients": list, "count": list.count, "hasVotes": !votes.isEmpty,
            // The signer signs by hand: a user name is a login, not the name a letter prints.
            "signature": authority.signature(prefix: nil, title: nil).map { ["line": $0] }, "signer": "",
            "listTitle": "DANH SÁCH ĐỀ NGHỊ TẶNG \(Authority.upper(kinds))",
            "reference": "Kèm theo Tờ trình \(Authority.writtenDate(date)) của \(paper.from.name)",
            "hasProcessing": !paper.processing.isEmpty, "processing": paper.processing.map { ["line": $0] },
        ], uniquingKeysWith: { $1 })
        return model
    }
}

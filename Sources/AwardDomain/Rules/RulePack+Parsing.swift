import Foundation

extension RulePack {
    /// Parses and validates a pack file. Every refusal names the line and what is wrong.
    public static func parse(_ text: String) throws(AwardError) -> RulePack {
        let data = Data(text.utf8)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            // Foundation reports the offset as "NSJSONSerializationErrorIndex" or inside its description
            // ("… around character 49.", or "line 5, column 3" on some platforms).
            let info = (error as NSError).userInfo
            var index = info["NSJSONSerializationErrorIndex"] as? Int
            let description = (info["NSDebugDescription"] as? String) ?? ""
            if index == nil, let range = description.range(of: #"character (\d+)"#, options: .regularExpression) {
                index = Int(description[range].split(separator: " ").last ?? "")
            }
            var line = index.map { Self.line(of: $0, in: text) }
            if line == nil, let range = description.range(of: #"line (\d+)"#, options: .regularExpression) {
                line = Int(description[range].split(separator: " ").last ?? "")
            }
            throw AwardError(.invalidInput, code: .badPack, "rule pack\(line.map { ", line \($0)" } ?? ""): not valid JSON")
        }
        guard json is [String: Any] else {
            throw AwardError(.invalidInput, code: .badPack, "rule pack, line 1: the file must hold one JSON object")
        }
        let pack: RulePack
        do {
            pack = try JSONDecoder().decode(RulePack.self, from: data)
        } catch let error as DecodingError {
            throw Self.refusal(error, text: text)
        } catch {
            throw AwardError(.invalidInput, code: .badPack, "rule pack: \(error)")
        }
        try pack.validate(text: text)
        return pack
    }

    package func validate(text: String) throws(AwardError) {
        func refuse(_ near: String, _ message: String) -> AwardError {
            AwardError(.invalidInput, code: .badPack, "rule pack, line \(Self.line(ofFirst: near, in: text)): \(message)")
        }
        guard code.range(of: "^[a-z0-9][a-z0-9.-]{0,63}$", options: .regularExpression) != nil else {
            throw refuse("\"code\"", "code \(code) must be lower-case letters, digits, '.' or '-'")
        }
        guard version >= 1 else { throw refuse("\"version\"", "version must be 1 or more") }
        if let validTo, validTo < validFrom { throw refuse("\"valid_to\"", "valid_to \(validTo.iso) is before valid_from \(validFrom.iso)") }
        guard !kinds.isEmpty else { throw refuse("\"kinds\"", "a pack needs at least one kind") }
        for rule in transitional ?? [] {
            guard !rule.provision.trimmingCharacters(in: .whitespaces).isEmpty, !rule.rule.trimmingCharacters(in: .whitespaces).isEmpty,
                  rule.provision.count <= 200, rule.rule.count <= 1_000 else {
                throw refuse("\"transitional\"", "a transitional rule needs its provision (at most 200 characters) and its rule (at most 1,000)")
            }
            guard (rule.closedLevel == nil) == (rule.successorLevel == nil) else {
                throw refuse("\"transitional\"", "a transitional rule names both closed_level and successor_level, or neither")
            }
        }
        try validateSteps(refuse)
        var seen: Set<String> = []
        for kind in kinds {
            let near = "\"\(kind.code)\""
            guard kind.code.range(of: "^[a-z0-9][a-z0-9-]{0,63}$", options: .regularExpression) != nil else {
                throw refuse(near, "kind code \(kind.code) must be lower-case letters, digits or '-'")
            }
            guard seen.insert(kind.code).inserted else { throw refuse(near, "kind \(kind.code) appears twice") }
            guard !kind.nomineeTypes.isEmpty else { throw refuse(near, "kind \(kind.code) accepts no nominee type") }
            guard !kind.chain.isEmpty else { throw refuse(near, "kind \(kind.code) has an empty chain") }
            guard Set(kind.chain.map(\.level)).count == kind.chain.count else {
                throw refuse(near, "kind \(kind.code) names a level twice in its chain")
            }
            for tier in kind.chain {
                if let vote = tier.vote, !(vote.threshold > 0 && vote.threshold <= 1) {
                    throw refuse(near, "kind \(kind.code): the vote threshold at \(tier.level.rawValue) must be above 0 and at most 1")
                }
                if let days = tier.limitDays, !(1...2_000).contains(days) { throw refuse(near, "kind \(kind.code): limit_days must be 1 to 2000") }
                for document in (tier.documents ?? []) + (tier.expectedDocuments ?? []) where DocumentType(rawValue: document) == nil {
                    throw refuse(near, "kind \(kind.code): unknown document type \(document) (known: \(DocumentType.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            if let coefficient = kind.coefficient, !(0...100).contains(coefficient) { throw refuse(near, "kind \(kind.code): coefficient must be 0 to 100") }
            for multiplier in [kind.collectiveMultiplier, kind.householdMultiplier].compactMap({ $0 }) where !(0...10).contains(multiplier) {
                throw refuse(near, "kind \(kind.code): a bonus multiplier must be 0 to 10")
            }
            if let problem = kind.catalogue?.problem(prerequisites: kind.prerequisites ?? []) {
                throw refuse(near, "kind \(kind.code): \(problem)")
            }
            for prerequisite in kind.prerequisites ?? [] {
                guard Prerequisite.known.contains(prerequisite.rule) else {
                    throw refuse(near, "kind \(kind.code): unknown prerequisite rule \(prerequisite.rule) (known: \(Prerequisite.known.joined(separator: ", ")))")
                }
                let missing: String? = switch prerequisite.rule {
                case "consecutive_awards": prerequisite.kind == nil ? "kind" : !(1...100).contains(prerequisite.count ?? 0) ? "count" : nil
                case "same_year_award_and_merit": prerequisite.kind == nil ? "kind" : nil
                case "registration_required": nil
                default: (prerequisite.kinds ?? []).isEmpty ? "kinds" : !(1...100).contains(prerequisite.years ?? 0) ? "years" : nil
                }
                if let missing { throw refuse(near, "kind \(kind.code): prerequisite \(prerequisite.rule) needs \(missing)") }
            }
        }
    }

    package static func refusal(_ error: DecodingError, text: String) -> AwardError {
        func place(_ path: [any CodingKey]) -> (String, Int) {
            let keys = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            let dotted = keys.hasPrefix(".") ? String(keys.dropFirst()) : keys
            let last = path.last(where: { $0.intValue == nil })?.stringValue
            // The line of the kind being read, then of the key within it.
            var line = 1
            if let index = path.first(where: { $0.stringValue == "kinds" }).flatMap({ _ in path.dropFirst().first?.intValue }) {
                line = Self.line(ofOccurrence: index, of: "\"code\"", in: text, after: "\"kinds\"")
            }
            if let last { line = Self.line(ofFirst: "\"\(last)\"", in: text, from: line) }
            return (dotted.isEmpty ? "the pack" : dotted, line)
        }
        switch error {
        case .keyNotFound(let key, let context):
            let (path, line) = place(context.codingPath)
            return AwardError(.invalidInput, code: .badPack, "rule pack, line \(line): \(path) is missing \(key.stringValue)")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let (path, line) = place(context.codingPath)
            return AwardError(.invalidInput, code: .badPack, "rule pack, line \(line): \(path): \(context.debugDescription)")
        @unknown default:
            return AwardError(.invalidInput, code: .badPack, "rule pack: \(error)")
        }
    }

    package static func line(of index: Int, in text: String) -> Int {
        text.utf8.prefix(index).reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    package static func line(ofFirst needle: String, in text: String, from startLine: Int = 1) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() where number + 1 >= startLine && line.contains(needle) { return number + 1 }
        return startLine
    }

    package static func line(ofOccurrence occurrence: Int, of needle: String, in text: String, after anchor: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var seenAnchor = false
        var count = -1
        for (number, line) in lines.enumerated() {
            if !seenAnchor { seenAnchor = line.contains(anchor); continue }
            if line.contains(needle) {
                count += 1
                if count == occurrence { return number + 1 }
            }
        }
        return 1
    }
}

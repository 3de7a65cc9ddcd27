import AwardDocuments
import AwardEngine
import Foundation

/// The papers benchmark (`awardctl bench --papers N`, scripts/bench part 8): a decision's PDF, the
/// certificates of a 300-recipient decision and fifty decisions printed together, through the
/// printer awardd uses (one kept chromium, a fresh page per document), each beside chromium's own
/// print time for the same HTML set into an already open page (`PDFPrinter.ownPrintTimes`).
enum PaperBench {
    static func run(_ engine: AwardEngine, repetitions: Int) async throws {
        let prefix = "G\(UInt32.random(in: 0...UInt32.max))"
        let setup = try await Bench.setup(engine, prefix: prefix, nominations: 600)
        let date = CivilDate(iso: "2025-10-10")!
        let details = DecisionDetails(signer: "Nguyễn Văn Hùng", onBehalf: true)
        // 300 recipients in one decision; the other 300 in fifty decisions of six.
        let large = try await engine.decide(org: "\(prefix)-P", kind: "bang-khen-tinh", nominations: Array(setup.ids[0..<300]),
                                            by: setup.province, date: date, details: details).id
        var small: [Int64] = []
        for i in 0..<50 {
            small.append(try await engine.decide(org: "\(prefix)-P", kind: "bang-khen-tinh", nominations: Array(setup.ids[(300 + i * 6)..<(306 + i * 6)]),
                                                 by: setup.province, date: date, details: details).id)
        }
        let printer = PDFPrinter()
        let papers = Papers(engine: engine, printer: printer)
        _ = try await papers.decision(small[0], format: .pdf)   // starts the browser
        let count = max(3, repetitions)

        func report(_ name: String, _ samples: [Double], own: [OwnPrintTime]?, limit: Double, note: String) {
            let sorted = samples.sorted(), p50 = Bench.percentile(sorted, 0.5)
            var line = "paper name=\(name) calls=\(sorted.count) " + String(format: "p50_ms=%.1f p99_ms=%.1f limit_ms=%.0f", p50, Bench.percentile(sorted, 0.99), limit)
            if let own {
                // Chromium's own: the HTML set into an open page and printed; and printed again.
                let ownP50 = Bench.percentile(own.map { Bench.seconds($0.setAndPrint) }.sorted(), 0.5)
                let againP50 = Bench.percentile(own.map { Bench.seconds($0.printAgain) }.sorted(), 0.5)
                line += String(format: " own_ms=%.1f ratio=%.2f own_again_ms=%.1f", ownP50, ownP50 / p50, againP50)
            }
            Printer.write(line + " note=\(note)\n")
        }
        func timed(_ body: () async throws -> Void) async throws -> Double {
            let start = ContinuousClock.now
            try await body()
            return Bench.seconds(ContinuousClock.now - start)
        }

        // A decision of six: PDF from the engine's data to the bytes, one after another.
        var samples: [Double] = []
        for i in 0..<count { samples.append(try await timed { _ = try await papers.decision(small[i % small.count], format: .pdf) }) }
        let html = String(decoding: try await papers.decision(small[0], format: .html).bytes, as: UTF8.self)
        let own = try await printer.ownPrintTimes(html: html, repetitions: count)
        report("decision_pdf", samples, own: own, limit: 300, note: "a decision of 6 recipients with its list")
        // Where its time goes: the print view alone (the engine's read and the template), and the printer alone.
        samples = []
        for i in 0..<count { samples.append(try await timed { _ = try await papers.decision(small[i % small.count], format: .html) }) }
        report("decision_html", samples, own: nil, limit: 50, note: "the same decision's print view (engine read and template), no print")
        samples = []
        for _ in 0..<count { samples.append(try await timed { _ = try await printer.pdf(html: html) }) }
        report("decision_print_only", samples, own: own, limit: 300, note: "the printer alone on that HTML: a fresh page, the content, the print")

        // The decision of 300, and its 300 certificates.
        samples = []
        for _ in 0..<3 { samples.append(try await timed { _ = try await papers.decision(large, format: .pdf) }) }
        let largeHTML = String(decoding: try await papers.decision(large, format: .html).bytes, as: UTF8.self)
        report("decision_300_pdf", samples, own: try await printer.ownPrintTimes(html: largeHTML, repetitions: 3),
               limit: 300, note: "a decision of 300 recipients with its list")
        samples = []
        for _ in 0..<3 { samples.append(try await timed { _ = try await papers.certificates(decision: large, format: .pdf) }) }
        let certificates = String(decoding: try await papers.certificates(decision: large, format: .html).bytes, as: UTF8.self)
        report("certificates_300_pdf", samples, own: try await printer.ownPrintTimes(html: certificates, repetitions: 3),
               limit: 10_000, note: "the 300 certificates of one decision, one PDF")

        // Fifty decisions printed together, four at a time (officers printing at once), and one after another.
        samples = []
        for _ in 0..<3 {
            samples.append(try await timed {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    var next = 0
                    for _ in 0..<4 {
                        let id = small[next]; next += 1
                        group.addTask { _ = try await papers.decision(id, format: .pdf) }
                    }
                    while try await group.next() != nil, next < small.count {
                        let id = small[next]; next += 1
                        group.addTask { _ = try await papers.decision(id, format: .pdf) }
                    }
                    try await group.waitForAll()
                }
            })
        }
        report("fifty_decisions_4_at_a_time", samples, own: nil, limit: 15_000, note: "50 decisions of 6, four prints at a time")
        samples = [try await timed { for id in small { _ = try await papers.decision(id, format: .pdf) } }]
        report("fifty_decisions_one_by_one", samples, own: nil, limit: 15_000, note: "the same, one after another")
        Printer.write("paper decision=\(small[0]) large=\(large)\n")
    }
}

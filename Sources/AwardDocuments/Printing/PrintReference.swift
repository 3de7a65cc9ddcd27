import Foundation

/// Chromium's own print time for an HTML, the reference `scripts/bench` compares the printer with.
public struct OwnPrintTime: Sendable {
    /// The HTML set into an already open page of the same kept browser, then `Page.printToPDF`.
    public var setAndPrint: Duration
    /// `Page.printToPDF` again on that page, the HTML already laid out.
    public var printAgain: Duration
}

extension PDFPrinter {
    /// Chromium's own print time for `html`, `repetitions` times, each on an open blank page of the
    /// kept browser (every request blocked, as for a document): DevTools `Page.setDocumentContent`
    /// and `Page.printToPDF` timed together, then `Page.printToPDF` once more alone. What the
    /// printer adds beside the first is its wait for the content's fonts and images.
    public func ownPrintTimes(html: String, repetitions: Int) async throws -> [OwnPrintTime] {
        try await Browser.shared(binary).ownPrintTimes(html, repetitions: repetitions)
    }
}

extension PDFPrinter.Browser {
    func ownPrintTimes(_ html: String, repetitions: Int) async throws -> [OwnPrintTime] {
        let pipe = try running()
        var times: [OwnPrintTime] = []
        for _ in 0..<max(1, repetitions) {
            let page = try await Self.blank(on: pipe)
            defer { Task { _ = try? await pipe.send("Target.closeTarget", ["targetId": page.target]) } }
            let start = ContinuousClock.now
            _ = try await pipe.send("Page.setDocumentContent", ["frameId": page.frame, "html": html], session: page.session)
            _ = try await Self.printPDF(page.session, on: pipe)
            let printed = ContinuousClock.now
            _ = try await Self.printPDF(page.session, on: pipe)
            times.append(OwnPrintTime(setAndPrint: printed - start, printAgain: ContinuousClock.now - printed))
        }
        return times
    }
}

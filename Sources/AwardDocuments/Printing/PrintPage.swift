import Foundation

/// The pages of the kept browser: each document is printed on a page of its own that no other
/// document has been in. Making a page (a renderer, a session, every request failed by `Fetch`)
/// takes longer than printing a decision, so two blank pages are made ahead and one is taken
/// per document; the next one is made in the background while the document prints.
extension PDFPrinter.Browser {
    /// An open blank page: its target, its DevTools session and its main frame.
    struct Page: Sendable {
        var target: String
        var session: String
        var frame: String
    }

    static let sparePages = 2

    /// One document on a fresh page: the content set, fonts and images of the content itself
    /// awaited, printed with the page's own `@page` size and margins, the page closed.
    func render(_ html: String, on pipe: DevToolsPipe) async throws -> Data {
        let page = try await take(on: pipe)
        defer { Task { _ = try? await pipe.send("Target.closeTarget", ["targetId": page.target]) } }
        try await Self.fill(page, html, on: pipe)
        return try await Self.printPDF(page.session, on: pipe)
    }

    /// A blank page made ahead, or a new one; and the spares made up again.
    private func take(on pipe: DevToolsPipe) async throws -> Page {
        if sparesOf != pipe.pid {
            // Pages of a browser that ended went with it.
            spares = []
            sparesOf = pipe.pid
        }
        let next = spares.isEmpty ? Task { try await Self.blank(on: pipe) } : spares.removeFirst()
        while spares.count < Self.sparePages {
            spares.append(Task { try await Self.blank(on: pipe) })
        }
        return try await next.value
    }

    /// A new blank page whose every request is failed by `Fetch`.
    static func blank(on pipe: DevToolsPipe) async throws -> Page {
        let target = try await pipe.send("Target.createTarget", ["url": "about:blank"])["targetId"] as? String ?? ""
        guard let session = try await pipe.send("Target.attachToTarget", ["targetId": target, "flatten": true])["sessionId"] as? String else {
            _ = try? await pipe.send("Target.closeTarget", ["targetId": target])
            throw DevToolsPipe.Failure.protocolError("no session")
        }
        _ = try await pipe.send("Fetch.enable", ["patterns": [["urlPattern": "*"]]], session: session)
        let tree = try await pipe.send("Page.getFrameTree", session: session)
        guard let frame = ((tree["frameTree"] as? [String: Any])?["frame"] as? [String: Any])?["id"] as? String else {
            throw DevToolsPipe.Failure.protocolError("no frame")
        }
        return Page(target: target, session: session, frame: frame)
    }

    /// The document set into the page, its own fonts and images waited for at most 5 s (a blocked one errors at once).
    static func fill(_ page: Page, _ html: String, on pipe: DevToolsPipe) async throws {
        _ = try await pipe.send("Page.setDocumentContent", ["frameId": page.frame, "html": html], session: page.session)
        _ = try await pipe.send("Runtime.evaluate", [
            "expression": "Promise.race([new Promise(r => setTimeout(r, 5000)), document.fonts.ready.then(() => Promise.all(Array.from(document.images).map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; }))))])",
            "awaitPromise": true,
        ], session: page.session)
    }

    /// The open page printed with its own `@page` size and margins.
    static func printPDF(_ session: String, on pipe: DevToolsPipe) async throws -> Data {
        let printed = try await pipe.send("Page.printToPDF", [
            "printBackground": true, "preferCSSPageSize": true, "displayHeaderFooter": false, "transferMode": "ReturnAsBase64",
        ], session: session)
        guard let base64 = printed["data"] as? String, let pdf = Data(base64Encoded: base64), pdf.starts(with: Array("%PDF".utf8)) else {
            throw DevToolsPipe.Failure.protocolError("no PDF")
        }
        return pdf
    }
}

import Foundation
import Testing

/// The HTML review as a person sees it: rendered by headless Chromium to a PNG, which
/// must have the window's size and hold far more than a blank page does.
@Suite(.serialized) struct DiffHTMLRenderTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Renders `page` to a PNG of `width`×`height` with headless Chromium.
    static func screenshot(_ page: URL, width: Int, height: Int, in folder: URL) throws -> Data {
        let chromium = try #require(chromium)
        let png = folder.appendingPathComponent(page.deletingPathExtension().lastPathComponent + ".png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=" + folder.appendingPathComponent("profile-\(UUID().uuidString)").path,
                             "--screenshot=" + png.path, "--window-size=\(width),\(height)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus)")
        return try Data(contentsOf: png)
    }

    /// Width and height from a PNG's header (the IHDR chunk), or nil when it is no PNG.
    static func size(ofPNG data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
              bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        func integer(_ start: Int) -> Int { bytes[start..<start + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (integer(16), integer(20))
    }

    @Test(.enabled(if: chromium != nil, "needs chromium (.ci/run installs it)"))
    func reportRendersInChromium() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("diff-report.html")
        let run = try CLI.run(["diff", "policies/acme-field-service.yaml", "examples/diff/acme-field-service-improved.yaml",
                               "--cases", "examples/", "--format", "html", "--output", report.path])
        #expect(run.status == 0, "\(run.stderr)")

        let blankPage = folder.appendingPathComponent("blank.html")
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blankPage)
        let blank = try Self.screenshot(blankPage, width: 1200, height: 1600, in: folder)
        let png = try Self.screenshot(report, width: 1200, height: 1600, in: folder)

        let dimensions = try #require(Self.size(ofPNG: png), "chromium did not write a PNG")
        #expect(dimensions.width == 1200 && dimensions.height == 1600)
        // A blank page compresses to almost nothing; text, tables and charts do not.
        #expect(png.count > 40_000, "the rendered report is only \(png.count) bytes")
        #expect(png.count > blank.count * 5, "the report (\(png.count) bytes) renders like a blank page (\(blank.count) bytes)")
        // Decoded pixels: the blank page is one colour; the report has text, badges and bars.
        #expect(try PNGPixels.distinctColors(blank, limit: 64) <= 2)
        #expect(try PNGPixels.distinctColors(png, limit: 64) >= 8, "the report renders in too few colours to hold text and charts")
    }
}

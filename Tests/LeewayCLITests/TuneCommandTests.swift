import Foundation
import Testing

/// `leeway tune`, end to end with the built executable on the shipped sample history.
@Suite(.serialized) struct TuneCommandTests {
    static let policy = "policies/acme-field-service.yaml"
    static let history = "examples/tune/.acme-history.jsonl"

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theFormatsAgree() throws {
        let text = try CLI.run(["tune", Self.policy, "--cases", Self.history])
        #expect(text.status == 0, "\(text.stderr)")
        let json = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let markdown = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--format", "markdown"])
        let html = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--format", "html"])
        #expect(markdown.status == 0 && html.status == 0)

        let object = try Self.json(json.stdout)
        let recommendation = try #require(object["recommendation"] as? [String: Any])
        #expect(recommendation["verified"] as? Bool == true)
        let replay = try #require(recommendation["replay"] as? [String: Any])
        let point = try #require(recommendation["point"] as? Int)
        let frontier = try #require(object["frontier"] as? [[String: Any]])
        #expect(frontier[point]["recommended"] as? Bool == true)
        // The recommended point's figures are the replay's, in every format.
        for key in ["firstContact", "wantsAllowed", "approvalsAvoided", "handoffsAvoided"] {
            #expect((frontier[point][key] as? Int) == (replay[key] as? Int), "\(key)")
        }
        let spend = try #require(replay["spend"] as? String)
        let firstContact = try #require(replay["firstContact"] as? Int)
        let cases = try #require(replay["cases"] as? Int)
        let shown = "\(firstContact) of \(cases)"
        for (name, output) in [("text", text.stdout), ("markdown", markdown.stdout), ("html", html.stdout)] {
            #expect(output.contains(spend), "\(name) does not show the spend \(spend)")
            #expect(output.contains(shown), "\(name) does not show \(shown)")
        }
        for change in recommendation["changes"] as? [[String: Any]] ?? [] {
            let to = try #require(change["to"] as? String)
            for (name, output) in [("text", text.stdout), ("markdown", markdown.stdout), ("html", html.stdout)] {
                #expect(output.contains(to), "\(name) does not show the change to \(to)")
            }
        }
        #expect(html.stdout.contains("<svg") && html.stdout.contains("class=\"frontier\""))
        #expect(!html.stdout.contains("<script"))
        // Levers are located.
        let levers = try #require(object["levers"] as? [[String: Any]])
        #expect(levers.allSatisfy { $0["file"] as? String == Self.policy && ($0["line"] as? Int ?? 0) >= 1 })
    }

    @Test func thePatchAppliesAndItsReplayMatchesTheReport() throws {
        let tree = try PatchTests.workTree([Self.policy, Self.history])
        defer { try? FileManager.default.removeItem(at: tree) }
        let report = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--format", "json"], directory: tree)
        let replay = try #require((try Self.json(report.stdout)["recommendation"] as? [String: Any])?["replay"] as? [String: Any])
        let patch = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--patch"], directory: tree)
        #expect(patch.status == 0, "\(patch.stderr)")
        #expect(patch.stdout.hasPrefix("--- a/\(Self.policy)\n+++ b/\(Self.policy)\n"))
        let check = try PatchTests.git(["apply", "--check", "-"], in: tree, stdin: patch.stdout)
        #expect(check.status == 0, "git apply --check: \(check.output)")
        try PatchTests.git(["apply", "-"], in: tree, stdin: patch.stdout)
        // `leeway eval` under the patched policy: the cases resolved at first contact are the report's.
        let eval = try CLI.run(["eval", Self.policy, Self.history, "--format", "json"], directory: tree)
        #expect(eval.status == 0, "\(eval.stderr)")
        let evaluated = try #require(try Self.json(eval.stdout)["cases"] as? [[String: Any]])
        let resolved = evaluated.filter { (($0["resolution"] as? [String: Any])?["firstContact"] as? Bool) == true }.count
        #expect(resolved == replay["firstContact"] as? Int)
        let allowed = evaluated.flatMap { $0["decisions"] as? [[String: Any]] ?? [] }.filter { $0["outcome"] as? String == "allowed" }.count
        #expect(allowed == replay["wantsAllowed"] as? Int)
        // Tuned again, the patched policy has its recommendation already.
        let again = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--format", "json"], directory: tree)
        let baseline = try #require(try Self.json(again.stdout)["baseline"] as? [String: Any])
        #expect(baseline["firstContact"] as? Int == replay["firstContact"] as? Int)
    }

    @Test func fixWritesThePolicyInPlace() throws {
        let tree = try PatchTests.workTree([Self.policy, Self.history])
        defer { try? FileManager.default.removeItem(at: tree) }
        let original = try String(contentsOf: tree.appendingPathComponent(Self.policy), encoding: .utf8)
        let fix = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--fix"], directory: tree)
        #expect(fix.status == 0, "\(fix.stderr)")
        #expect(fix.stdout.isEmpty)
        let fixed = try String(contentsOf: tree.appendingPathComponent(Self.policy), encoding: .utf8)
        #expect(fixed != original)
        #expect(fixed.contains("discretion:"))
        for line in original.split(separator: "\n") where line.hasPrefix("#") { #expect(fixed.contains(line + "\n")) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: tree.appendingPathComponent("policies").path)
        #expect(leftovers == ["acme-field-service.yaml"], "\(leftovers)")
    }

    @Test func exitCodesAndLocatedErrors() throws {
        let unreachable = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--target-fcr", "95"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("the target 95% cannot be reached with these levers: the best reachable is"))
        #expect(unreachable.stdout.contains("95% cannot be reached"))

        let reachable = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--target-fcr", "40"])
        #expect(reachable.status == 0, "\(reachable.stderr)")

        let currency = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--budget", "50 EUR"])
        #expect(currency.status == 2)
        #expect(currency.stderr.contains("policies/acme-field-service.yaml:13:11: error: `--budget 50 EUR` is not in USD"))
        #expect(currency.stdout.isEmpty)

        let role = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--role", "agnt"])
        #expect(role.status == 2)
        #expect(role.stderr.contains("policies/acme-field-service.yaml:15:1: error: `agnt` is not a role of this policy set"))
        #expect(role.stderr.contains("did you mean `agent`?"))

        let nothing = try CLI.run(["tune", Self.policy, "--cases", "examples/cases/brightline.yaml"])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("no case in `examples/cases/brightline.yaml` is for policy set `acme-field-service`"))

        let both = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--budget", "100", "--target-fcr", "50"])
        #expect(both.status == 2)

        let missing = try CLI.run(["tune", Self.policy, "--cases", "no-such-history.jsonl"])
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
    }

    @Test func aBrokenCaseIsReportedAndTheRestTuned() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = folder.appendingPathComponent("history.jsonl")
        let good = try String(contentsOf: CLI.root.appendingPathComponent(Self.history), encoding: .utf8)
        try Data((good + "{\"leeway\":1,\"case\":\"BAD\",\"handled-by\":\"agent\",\"wants\":[{\"action\":\"issue-credits\",\"amount\":\"5 USD\"}]}\n").utf8)
            .write(to: history)
        let run = try CLI.run(["tune", Self.policy, "--cases", history.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("history.jsonl:61:"))
        #expect(run.stdout.contains("60 cases"))
    }

    @Test func spanish() throws {
        let run = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--lang", "es"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("frontera: la mejor resolución al primer contacto encontrada para cada gasto"))
        #expect(run.stdout.contains("repetido con la política parcheada"))
        #expect(run.stdout.contains("(el codo): resolución al primer contacto"))
        #expect(!run.stdout.contains("frontier"))
        let help = try CLI.run(["tune", "--help", "--lang", "es"])
        #expect(help.stdout.contains("Encuentra los límites"))
        let error = try CLI.run(["tune", Self.policy, "--cases", Self.history, "--role", "agnt", "--lang", "es"])
        #expect(error.stderr.contains("¿quisiste decir `agent`?"))
    }
}

/// The HTML tune report as a person sees it: rendered by headless Chromium, with its chart.
@Suite(.serialized) struct TuneHTMLRenderTests {
    @Test(.enabled(if: DiffHTMLRenderTests.chromium != nil, "needs chromium (.ci/run installs it)"))
    func reportRendersWithItsChartInChromium() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("tune-report.html")
        let run = try CLI.run(["tune", TuneCommandTests.policy, "--cases", TuneCommandTests.history, "--format", "html", "--output", report.path])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOf: report, encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("<path d=\"M"))

        // The chart alone, cut out of the page: it must draw, not just the text around it.
        let svgStart = try #require(page.range(of: "<svg"))
        let svgEnd = try #require(page.range(of: "</svg>"))
        let chartOnly = folder.appendingPathComponent("chart.html")
        try Data(("<!DOCTYPE html><html><body style=\"margin:0\">" + page[svgStart.lowerBound..<svgEnd.upperBound] + "</body></html>").utf8)
            .write(to: chartOnly)

        let blankPage = folder.appendingPathComponent("blank.html")
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blankPage)
        let blank = try DiffHTMLRenderTests.screenshot(blankPage, width: 1200, height: 1600, in: folder)
        let png = try DiffHTMLRenderTests.screenshot(report, width: 1200, height: 1600, in: folder)
        let chart = try DiffHTMLRenderTests.screenshot(chartOnly, width: 600, height: 400, in: folder)

        let dimensions = try #require(DiffHTMLRenderTests.size(ofPNG: png), "chromium did not write a PNG")
        #expect(dimensions.width == 1200 && dimensions.height == 1600)
        #expect(png.count > 40_000, "the rendered report is only \(png.count) bytes")
        #expect(png.count > blank.count * 5)
        #expect(try PNGPixels.distinctColors(blank, limit: 64) <= 2)
        #expect(try PNGPixels.distinctColors(png, limit: 64) >= 8)
        #expect(try PNGPixels.distinctColors(chart, limit: 64) >= 4, "the chart renders blank")
    }
}

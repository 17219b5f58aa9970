import FeedloomModel
import Foundation
import Testing

@testable import FeedloomRender

@Suite struct CSVWriterTests {
  func rows(_ bytes: [UInt8]) -> [String] {
    String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
  }

  @Test func neutralisesEveryOWASPPayloadAsExpected() throws {
    guard let shared = ExportFixtures.sharedDirectory else { return }
    let url = shared.appendingPathComponent("security/csv-injection.json")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let payloads = try #require(json["payloads"] as? [[String: Any]])
    #expect(payloads.count > 20)
    for case let (payload?, expected?) in payloads.map({ ($0["payload"] as? String, $0["expected_cell"] as? String) }) {
      let cell = CSVCell.encode(payload)
      // The file's rule, with control characters (NUL) dropped before the trigger test, as the
      // file allows and ASVS 1.2.10 asks.
      let withoutControls = String(String.UnicodeScalarView(payload.unicodeScalars.filter {
        !($0.value < 0x20 && $0.value != 9 && $0.value != 10 && $0.value != 13)
      }))
      let alternative = "\"" + (["=", "+", "-", "@", "\t", "\r"].contains(where: withoutControls.hasPrefix)
        ? "'" + withoutControls : withoutControls).replacingOccurrences(of: "\"", with: "\"\"") + "\""
      #expect(cell == expected || (payload != withoutControls && cell == alternative),
        "payload \(payload.debugDescription): \(cell.debugDescription) != \(expected.debugDescription)")
    }
  }

  @Test func cellsAreQuotedAndStripped() {
    #expect(CSVCell.encode("plain") == "\"plain\"")
    #expect(CSVCell.encode("say \"hi\", then go") == "\"say \"\"hi\"\", then go\"")
    #expect(CSVCell.encode("\u{0}=1+1") == "\"'=1+1\"")
    #expect(CSVCell.encode("a\u{7}b\u{85}c") == "\"abc\"")
    #expect(CSVCell.encode("-42") == "\"'-42\"")
    #expect(CSVCell.encode(String(repeating: "é", count: 40_000)).count == CSVCell.maximumLength + 2)
  }

  @Test func writesHeaderBOMAndCRLFRecordsNewestFirst() {
    let bytes = CSVWriter().render(ExportFixtures.mixedItems)
    #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
    let lines = rows(Array(bytes.dropFirst(3)))
    #expect(lines.first == "\"published\",\"source\",\"title\",\"authors\",\"link\",\"summary\",\"words\",\"id\"")
    #expect(lines.count == 1 + ExportFixtures.mixedItems.count + 1)  // records, then the final CRLF
    #expect(lines.last == "")
    #expect(lines[1].hasPrefix("\"2024-05-01T09:00:00Z\",\"River News\",\"Bridge reopens & traffic flows\",\"Ana Ortiz\","))
  }

  @Test func cellsArePlainText() {
    let writer = CSVWriter(options: CSVOptions(columns: [.title, .summary, .words, .categories, .text], bom: false))
    let lines = rows(writer.render(ExportFixtures.mixedItems))
    #expect(lines.contains("\"'=HYPERLINK(\"\"http://attacker.invalid\"\",\"\"x\"\")\",\"Line one line two — done\",\"6\",\"\",\"Line one line two — done\""))
    #expect(lines.contains { $0.hasPrefix("\"\",\"A walk along the canal The towpath was quiet") })
    #expect(!lines.joined().contains("<"))
  }

  @Test func columnsAreConfigurable() {
    let writer = CSVWriter(options: CSVOptions(columns: [.id, .enclosures, .language], bom: false))
    let lines = rows(writer.render(ExportFixtures.mixedItems))
    #expect(lines[0] == "\"id\",\"enclosures\",\"language\"")
    #expect(lines[1] == "\"https://river.example.com/2024/05/bridge\",\"https://cdn.example.com/bridge.mp3 data:audio/mpeg;base64,AAAA\",\"en_US\"")
  }

  @Test func wordsAreCountedOnWhiteSpace() {
    #expect(CSVWriter.wordCount("") == 0)
    #expect(CSVWriter.wordCount("  one\u{A0}two\n\nthree—four ") == 3)
  }

  @Test func passesTheSharedCSVValidator() {
    let items = ExportFixtures.mixedItems
    let writer = CSVWriter(options: CSVOptions(columns: CSVColumn.allCases))
    guard let result = ExportFixtures.validate(writer.render(items), fileName: "entries.csv",
      validator: "check_csv.py", arguments: ["--no-roundtrip"])
    else { return }
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.contains(" 0 failed"), "\(result.output)")
  }

  @Test func htmlBecomesText() {
    #expect(PlainText.fromHTML("<p>a&amp;b</p><p>c&#x41;&#66;<br/>d</p><script>x</script>e &unknown; <") == "a&b cAB d e &unknown; <")
    #expect(PlainText.fromHTML("<!-- hidden -->x<style>p{}</style>y") == "xy")
  }
}

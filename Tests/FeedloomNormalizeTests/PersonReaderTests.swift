import FeedloomModel
import Foundation
import Testing

@testable import FeedloomNormalize

struct PersonCase: Sendable, CustomStringConvertible {
  var input: String
  var name: String?
  var email: String?
  var description: String { input.debugDescription }
}

/// Name/email splits (Fixtures/people/people.tsv), feedparser's shapes first.
let personCases: [PersonCase] = fixtureRows("people/people", columns: 3).map {
  PersonCase(input: String($0[0]), name: optionalField($0[1]), email: optionalField($0[2]))
}

@Suite struct PersonReaderTests {
  @Test func fixturesAreLoaded() { #expect(personCases.count >= 15) }

  @Test(arguments: personCases)
  func splitsNameAndEmail(_ c: PersonCase) {
    let person = PersonReader.parse(c.input)
    #expect(person.name == c.name, "\(c)")
    #expect(person.email == c.email, "\(c)")
    #expect(person.uri == nil)
  }

  @Test func blankIsEmpty() {
    #expect(PersonReader.parse("  \n ").isEmpty)
    #expect(PersonReader.parse("()").isEmpty)
  }

  @Test func displayStringRoundTrips() {
    let person = PersonReader.parse("me@example.com (Example editor)")
    #expect(person.displayString == "Example editor (me@example.com)")
    #expect(PersonReader.parse(person.displayString) == person)
  }
}

/// The shortcut for names kept as they are answers as the full reading does.
@Suite struct PlainNameShortcutTests {
  @Test func shortcutAgreesWithTheFullReading() {
    var inputs = personCases.map(\.input) + [
      "John Doe", "John  Doe", " John", "John ", "", " ", "J", "O'Brien", "Smith, J.",
      "Jean-Luc", "a@b.co", "Doe (x)", "\"Jane\"", "Tab\tName", "Ünïcode Name", "Name\u{A0}X",
      "X:", "Line\nBreak", "Del\u{7F}", "A; B", "[Editor]", "<x>",
    ]
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("ab Z.@()<>[]\"',;:-_\t\né\u{A0}")
    for _ in 0..<5_000 {
      inputs.append(String((0..<Int.random(in: 0...12, using: &generator)).map { _ in
        alphabet.randomElement(using: &generator)!
      }))
    }
    for input in inputs {
      #expect(PersonReader.parse(input) == PersonReader.fullReading(input), "\(input.debugDescription)")
    }
  }

  @Test func plainNamesTakeTheShortcut() {
    #expect(PersonReader.isPlainName("Jane Q. Public"))
    #expect(!PersonReader.isPlainName("Jane  Public"))
    #expect(!PersonReader.isPlainName("jane@example.com"))
    #expect(!PersonReader.isPlainName(""))
  }
}

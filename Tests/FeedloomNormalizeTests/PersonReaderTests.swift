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

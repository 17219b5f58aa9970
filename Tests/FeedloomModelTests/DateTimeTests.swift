import Testing
@testable import FeedloomModel

@Suite struct DateTimeTests {
  @Test func formatsRFC3339InUTC() {
    let t = DateTime(year: 2022, month: 2, day: 11, hour: 22, offsetSeconds: 0)
    #expect(t.rfc3339 == "2022-02-11T22:00:00Z")
  }

  @Test func appliesZoneOffset() {
    // 08:57 at +01:00 is 07:57 UTC.
    let t = DateTime(year: 2015, month: 4, day: 30, hour: 8, minute: 57, offsetSeconds: 3600)
    #expect(t.rfc3339 == "2015-04-30T07:57:00Z")
  }

  @Test func handlesFarPastAcrossYearBoundary() {
    let t = DateTime(year: 100, month: 1, day: 1, hour: 0, minute: 0, second: 1, offsetSeconds: 3600)
    #expect(t.rfc3339 == "0099-12-31T23:00:01Z")
  }

  @Test func roundTripsCivilDays() {
    for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
      let (y, m, d) = DateTime.civilFromDays(days)
      #expect(DateTime.daysFromCivil(year: y, month: m, day: d) == days)
    }
  }

  @Test func knowsWeekdays() {
    #expect(DateTime(year: 1970, month: 1, day: 1).weekday == 4)  // Thursday
    #expect(DateTime(year: 2022, month: 2, day: 11).weekday == 5)  // Friday
  }
}

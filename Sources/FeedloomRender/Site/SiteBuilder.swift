import FeedloomModel

/// One entry as the pages show it; built once, shared by every page that lists it.
struct SiteEntry {
  let item: Item
  let date: DateTime?
  let title: String
  /// The entry has no title of its own: `title` is the start of its text.
  let titleFromText: Bool
  let slug: String
  let path: String
  let sourceIndex: Int
  /// `day/<iso>.html` of the entry's UTC day, `nil` when undated.
  let dayPath: String?
  /// The context of a card on listing pages.
  var card: [String: Any] = [:]
}

/// One configured source and the entries it contributed, newest first.
struct SiteSource {
  let info: SourceInfo
  let slug: String
  var entries: [Int] = []
  var path: String { "source/\(slug).html" }
}

/// A UTC calendar day with entries.
struct SiteDay {
  let dayNumber: Int64
  let first: DateTime
  let path: String
  var entries: [Int] = []
}

/// Builds every page of one render. Mustache contexts are dictionaries (measured 2.3x faster
/// than structs); every key a template may test is present (`false` when absent) so that a
/// lookup never climbs to an outer object's key of the same name.
struct SiteBuilder {
  let site: SiteInfo
  let pageSize: Int
  let templates: SiteTemplates
  let feeds: [SiteFeedLink]
  let generatedAt: DateTime?
  let excerptLength: Int
  let language: String
  let siteURL: String?

  var entries: [SiteEntry] = []
  var sources: [SiteSource] = []
  var days: [SiteDay] = []
  /// Context of each source, shared by its cards and pages.
  var sourceContexts: [[String: Any]] = []

  init(
    site: SiteInfo, items: [Item], pageSize: Int, templates: SiteTemplates, feeds: [SiteFeedLink],
    generatedAt: DateTime?, excerptLength: Int
  ) {
    self.site = site
    self.pageSize = pageSize
    self.templates = templates
    self.feeds = feeds
    self.generatedAt = generatedAt
    self.excerptLength = excerptLength
    language = SiteText.languageTag(site.language) ?? "en"
    siteURL = SiteText.safeWebURL(site.url).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    plan(items)
  }

  // MARK: - Ordering and names

  /// Sorts the items, names every file and groups entries by source and by day.
  private mutating func plan(_ items: [Item]) {
    let order = items.indices.sorted { a, b in
      if ItemOrder.precedes(items[a], items[b]) { return true }
      if ItemOrder.precedes(items[b], items[a]) { return false }
      return a < b
    }

    // Sources: keyed by their configured slug, named with a re-checked unique slug.
    var sourceIndexBySlug: [String: Int] = [:]
    // Should two items name one slug with different metadata, the first in page order wins,
    // so the input order still cannot change the output.
    var sourceInfos: [String: SourceInfo] = [:]
    for index in order where sourceInfos[items[index].source.slug] == nil {
      sourceInfos[items[index].source.slug] = items[index].source
    }
    var usedSourceSlugs = Set<String>()
    for raw in sourceInfos.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      let info = sourceInfos[raw]!
      var base = SiteText.slug(raw, maxLength: 60)
      if base.isEmpty { base = SiteText.slug(info.name, maxLength: 60) }
      if base.isEmpty { base = "source" }
      let slug = Self.unique(base, in: &usedSourceSlugs)
      sourceIndexBySlug[raw] = sources.count
      sources.append(SiteSource(info: info, slug: slug))
    }

    var usedEntrySlugs = Set<String>()
    var dayIndexByNumber: [Int64: Int] = [:]
    var usedDayNames = Set<String>()
    for index in order {
      let item = items[index]
      let date = item.entry.effectiveDate
      let (title, titleFromText) = Self.plainTitle(item.entry)
      var stem = date.map { $0.isoDay } ?? "undated"
      let words = SiteText.slug(title, maxLength: 60)
      if !words.isEmpty { stem += "-" + words }
      let slug = Self.unique(
        SiteText.slug(stem, maxLength: 80) + "-" + SiteText.shortHash(item.key), in: &usedEntrySlugs)
      let sourceIndex = sourceIndexBySlug[item.source.slug]!
      var dayPath: String?
      if let date {
        let number = date.dayNumber
        if let existing = dayIndexByNumber[number] {
          dayPath = days[existing].path
          days[existing].entries.append(entries.count)
        } else {
          var name = SiteText.slug(date.isoDay, maxLength: 20)
          if name.isEmpty { name = "day" }
          name = Self.unique(name, in: &usedDayNames)
          dayIndexByNumber[number] = days.count
          days.append(SiteDay(dayNumber: number, first: date, path: "day/\(name).html", entries: [entries.count]))
          dayPath = "day/\(name).html"
        }
      }
      sources[sourceIndex].entries.append(entries.count)
      entries.append(
        SiteEntry(
          item: item, date: date, title: title, titleFromText: titleFromText, slug: slug, path: "entry/\(slug).html",
          sourceIndex: sourceIndex, dayPath: dayPath))
    }
    sourceContexts = sources.indices.map { sourceContext(sources[$0], hue: $0 % 8) }
    for i in entries.indices { entries[i].card = cardContext(entries[i]) }
  }

  /// `base`, else `base-2`, `base-3`… whichever is free; records the choice.
  private static func unique(_ base: String, in used: inout Set<String>) -> String {
    var name = base
    var n = 2
    while used.contains(name) {
      name = "\(base)-\(n)"
      n += 1
    }
    used.insert(name)
    return name
  }

  /// The title as plain text (html/xhtml titles lose their markup), at most 300 characters;
  /// an untitled entry borrows the start of its text (`fromText`).
  static func plainTitle(_ entry: Entry) -> (title: String, fromText: Bool) {
    if let title = entry.title.map(PlainText.of), !title.isEmpty {
      return (SiteText.excerpt(title, limit: 300), false)
    }
    if let text = entry.text, !PlainText.singleLine(text).isEmpty {
      return (SiteText.excerpt(text, limit: 80), true)
    }
    return ("Untitled", false)
  }

  // MARK: - Contexts

  /// `rfc3339` is `false` for years a `<time datetime>` cannot hold (before 1, after 9999).
  private func dateContext(_ date: DateTime) -> [String: Any] {
    let year = date.components.year
    return [
      "rfc3339": (1...9999).contains(year) ? date.rfc3339 : false, "isoDay": date.isoDay, "time": SiteDates.timeLabel(date),
      "label": SiteDates.shortDayLabel(date), "dayLabel": SiteDates.dayLabel(date),
    ]
  }

  /// `hue` picks one of the stylesheet's eight source colours; sources take them in slug
  /// order, so up to eight sources never share one.
  private func sourceContext(_ source: SiteSource, hue: Int) -> [String: Any] {
    let feed = source.info.feed
    let feedTitle = feed.title.map(PlainText.of)
    let subtitle = feed.subtitle.map(PlainText.of)
    let newest = source.entries.first.flatMap { entries[$0].date }
    return [
      "name": source.info.name, "slug": source.slug, "path": source.path,
      "hue": hue,
      "feedTitle": feedTitle.flatMap { $0.isEmpty || $0 == source.info.name ? nil : $0 } ?? false,
      "subtitle": subtitle.flatMap { $0.isEmpty ? nil : $0 } ?? false,
      "link": SiteText.safeWebURL(feed.link) ?? false,
      "feedURL": SiteText.safeWebURL(source.info.location) ?? false,
      "count": source.entries.count, "countLabel": Self.counted(source.entries.count, "entry", "entries"),
      "newest": newest.map(dateContext) ?? false,
    ]
  }

  private func cardContext(_ e: SiteEntry) -> [String: Any] {
    let entry = e.item.entry
    var authors: [[String: Any]] = []
    for person in entry.authors {
      guard let name = (person.name ?? person.email).map(PlainText.singleLine), !name.isEmpty
      else { continue }
      authors.append([
        "name": name, "url": SiteText.safeWebURL(person.uri) ?? SiteText.mailtoURL(person.email) ?? false,
      ])
    }
    var seenTerms = Set<String>()
    var categories: [[String: Any]] = []
    for category in entry.categories {
      guard let term = (category.label ?? category.term).map(PlainText.singleLine), !term.isEmpty,
        seenTerms.insert(term).inserted
      else { continue }
      categories.append(["term": term])
    }
    var enclosures: [[String: Any]] = []
    for enclosure in entry.enclosures {
      guard let url = SiteText.safeWebURL(enclosure.href) else { continue }
      let name = url.split(separator: "/").last.map { String($0.prefix(80)) } ?? url
      let type = enclosure.type?.lowercased() ?? ""
      enclosures.append([
        "url": url, "name": name, "type": enclosure.type ?? false,
        "size": SiteText.byteSize(enclosure.length) ?? false,
        "isAudio": type.hasPrefix("audio/"), "isVideo": type.hasPrefix("video/"),
      ])
    }
    let excerptSource = entry.text ?? entry.summary.map(PlainText.of)
    var excerpt = excerptSource.map { SiteText.excerpt($0, limit: excerptLength) } ?? ""
    if excerpt == e.title || (e.titleFromText && excerptSource.map { PlainText.singleLine($0).count <= 80 } ?? true) {
      excerpt = ""
    }
    let updated = entry.updated?.date.flatMap { u in
      (e.date.map { u.secondsSinceEpoch - $0.secondsSinceEpoch >= 60 } ?? false) ? u : nil
    }
    let link = SiteText.safeWebURL(entry.link)
    let comments = SiteText.safeWebURL(entry.comments)
    return [
      "key": e.item.key, "slug": e.slug, "path": e.path, "title": e.title,
      "link": link ?? false, "comments": comments ?? false,
      "hasLinks": link != nil || comments != nil,
      "hasFooter": link != nil || !authors.isEmpty,
      "source": sourceContexts[e.sourceIndex],
      "date": e.date.map(dateContext) ?? false,
      "updated": updated.map(dateContext) ?? false,
      "dayPath": e.dayPath ?? false,
      "authors": authors, "categories": categories, "enclosures": enclosures,
      "hasAuthors": !authors.isEmpty, "hasCategories": !categories.isEmpty,
      "hasEnclosures": !enclosures.isEmpty,
      "excerpt": excerpt.isEmpty ? false : excerpt,
      "hasFullText": entry.content.contains { $0.asText != nil && !$0.value.isEmpty },
      "lang": SiteText.languageTag(entry.language).flatMap { $0 == language ? nil : $0 } ?? false,
    ]
  }

  /// The body of an entry page: sanitised HTML inserted as it is, or plain text as escaped
  /// paragraphs. Only `html`/`xhtml` values (already sanitised by the normaliser) become HTML.
  private func bodyContext(_ entry: Entry) -> [String: Any] {
    var html: String?
    var paragraphs: [String] = []
    var lang: String?
    let bodies = entry.content.compactMap(\.asText).filter { !$0.value.isEmpty }
    let body = bodies.first { $0.type != .text } ?? bodies.first
      ?? entry.summary.flatMap { $0.value.isEmpty ? nil : $0 }
    if let body {
      if body.type == .text {
        paragraphs = SiteText.paragraphs(body.value)
      } else {
        // A relative URL cannot resolve inside the digest (and a root-relative one would
        // point into the reader's file system): such attributes go, absolute ones stay.
        html = HTMLURLGuard.clean(body.value, hasBase: false)
      }
      lang = body.language
    } else if let text = entry.text {
      paragraphs = SiteText.paragraphs(text)
    }
    let outOfLine = entry.content.compactMap { SiteText.safeWebURL($0.src) }.first
    return [
      "bodyHTML": html ?? false, "bodyParagraphs": paragraphs,
      "bodyLang": SiteText.languageTag(lang).flatMap { $0 == language ? nil : $0 } ?? false,
      "contentLink": outOfLine ?? false,
    ]
  }

  /// Keys every page has: the site, the way back to the root, the page's own title.
  private func pageContext(path: String, title: String?, flag: String) -> [String: Any] {
    let depth = path.utf8.filter { $0 == UInt8(ascii: "/") }.count
    var siteContext: [String: Any] = [
      "title": site.title, "language": language,
      "description": site.description.flatMap { $0.isEmpty ? nil : $0 } ?? false,
      "url": siteURL ?? false,
      "author": site.author.flatMap { $0.name ?? $0.email } ?? false,
    ]
    siteContext["hasFeeds"] = !feeds.isEmpty
    var context: [String: Any] = [
      "site": siteContext, "lang": language,
      "root": String(repeating: "../", count: depth), "path": path,
      "pageTitle": title.map { "\($0) · \(site.title)" } ?? site.title,
      "canonical": siteURL.map { $0 + (path == "index.html" ? "" : path) } ?? false,
      "feeds": feeds.map { ["title": $0.title, "path": $0.path, "type": $0.type] },
      "generated": generatedAt.map(dateContext) ?? false,
      "sourceCount": sources.count, "entryCount": entries.count, "dayCount": days.count,
      "sourceCountLabel": Self.counted(sources.count, "source", "sources"),
      "entryCountLabel": Self.counted(entries.count, "entry", "entries"),
      "dayCountLabel": Self.counted(days.count, "day", "days"),
    ]
    for name in ["isFront", "isDay", "isSource", "isEntry", "isArchive", "isSources"] {
      context[name] = name == flag
    }
    return context
  }

  /// Consecutive entries of the same UTC day, as day sections of a listing page.
  private func dayGroups(_ indices: ArraySlice<Int>) -> [[String: Any]] {
    var groups: [[String: Any]] = []
    var current: [Any] = []
    var currentDay: Int64?
    var currentFirst: SiteEntry?
    func flush() {
      guard let first = currentFirst else { return }
      var group: [String: Any] = ["entries": current, "count": current.count]
      if let date = first.date {
        group["label"] = SiteDates.dayLabel(date)
        group["isoDay"] = date.isoDay
        group["dayPath"] = first.dayPath ?? false
        group["undated"] = false
      } else {
        group["label"] = "Undated"
        group["isoDay"] = false
        group["dayPath"] = false
        group["undated"] = true
      }
      groups.append(group)
    }
    for index in indices {
      let entry = entries[index]
      let day = entry.date?.dayNumber
      if currentFirst == nil || day != currentDay {
        flush()
        current = []
        currentDay = day
        currentFirst = entry
      }
      current.append(entry.card)
    }
    flush()
    return groups
  }

  /// Pages of `indices`: page 1 at `first`, page n at `pagePath(n)`.
  private func paged(_ indices: [Int]) -> [ArraySlice<Int>] {
    guard pageSize > 0, indices.count > pageSize else { return [indices[...]] }
    return stride(from: 0, to: indices.count, by: pageSize).map {
      indices[$0..<min($0 + pageSize, indices.count)]
    }
  }

  private func paginationContext(current: Int, total: Int, path: (Int) -> String) -> Any {
    guard total > 1 else { return false }
    var pages: [[String: Any]] = []
    var lastShown = 0
    for n in 1...total where n <= 2 || n > total - 2 || abs(n - current) <= 2 {
      if n > lastShown + 1 { pages.append(["number": false, "path": false, "isCurrent": false, "isGap": true]) }
      pages.append(["number": n, "path": path(n), "isCurrent": n == current, "isGap": false])
      lastShown = n
    }
    return [
      "current": current, "total": total, "pages": pages,
      "previous": current > 1 ? path(current - 1) : false,
      "next": current < total ? path(current + 1) : false,
    ]
  }

  // MARK: - Pages

  mutating func build() -> [SiteFile] {
    var files: [SiteFile] = []
    func emit(_ path: String, _ template: String, _ context: [String: Any]) {
      files.append(SiteFile(path: path, bytes: Array(templates.render(template, context).utf8)))
    }

    // Front page, paged.
    let all = Array(entries.indices)
    let frontPages = paged(all)
    let frontPath = { (n: Int) in n == 1 ? "index.html" : "page/\(n).html" }
    for (i, slice) in frontPages.enumerated() {
      let n = i + 1
      let path = frontPath(n)
      var context = pageContext(path: path, title: n == 1 ? nil : "Page \(n)", flag: "isFront")
      context["days"] = dayGroups(slice)
      context["isEmpty"] = slice.isEmpty
      context["pageNumber"] = n
      context["pagination"] = paginationContext(current: n, total: frontPages.count, path: frontPath)
      emit(path, "index", context)
    }

    // One page per day, newest first; neighbours link to each other.
    for (i, day) in days.enumerated() {
      var context = pageContext(path: day.path, title: SiteDates.dayLabel(day.first), flag: "isDay")
      context["day"] = [
        "label": SiteDates.dayLabel(day.first), "isoDay": day.first.isoDay, "count": day.entries.count,
        "countLabel": Self.counted(day.entries.count, "entry", "entries"),
        "month": SiteDates.monthLabel(day.first),
      ]
      context["entries"] = day.entries.map { entries[$0].card }
      context["newerDay"] = i > 0 ? dayLink(days[i - 1]) : false
      context["olderDay"] = i + 1 < days.count ? dayLink(days[i + 1]) : false
      emit(day.path, "day", context)
    }

    // One page per source, paged like the front page.
    for (sourceIndex, source) in sources.enumerated() {
      let pages = paged(source.entries)
      let sourcePath = { (n: Int) in n == 1 ? source.path : "source/\(source.slug)/page/\(n).html" }
      let sourceInfo = sourceContexts[sourceIndex]
      for (i, slice) in pages.enumerated() {
        let n = i + 1
        let path = sourcePath(n)
        var context = pageContext(
          path: path, title: n == 1 ? source.info.name : "\(source.info.name), page \(n)", flag: "isSource")
        context["source"] = sourceInfo
        context["days"] = dayGroups(slice)
        context["pageNumber"] = n
        context["pagination"] = paginationContext(current: n, total: pages.count, path: sourcePath)
        emit(path, "source", context)
      }
    }

    // One page per entry.
    for (i, entry) in entries.enumerated() {
      var context = pageContext(path: entry.path, title: entry.title, flag: "isEntry")
      var card = entry.card
      for (key, value) in bodyContext(entry.item.entry) { card[key] = value }
      context["entry"] = card
      context["newerEntry"] = i > 0 ? entryLink(entries[i - 1]) : false
      context["olderEntry"] = i + 1 < entries.count ? entryLink(entries[i + 1]) : false
      emit(entry.path, "entry", context)
    }

    // Archive: every day, grouped by month.
    var months: [[String: Any]] = []
    var monthDays: [[String: Any]] = []
    var monthLabel: String?
    for day in days {
      let label = SiteDates.monthLabel(day.first)
      if label != monthLabel, let previous = monthLabel {
        months.append(["label": previous, "days": monthDays])
        monthDays = []
      }
      monthLabel = label
      var link = dayLink(day)
      link["count"] = day.entries.count
      link["countLabel"] = Self.counted(day.entries.count, "entry", "entries")
      link["dayOfMonth"] = day.first.components.day
      link["weekday"] = String(SiteDates.weekdayNames[day.first.weekday - 1].prefix(3))
      monthDays.append(link)
    }
    if let monthLabel { months.append(["label": monthLabel, "days": monthDays]) }
    var archive = pageContext(path: "archive.html", title: "Archive", flag: "isArchive")
    archive["months"] = months
    let undated = entries.count(where: { $0.date == nil })
    archive["undatedCount"] = undated
    archive["undatedLabel"] = undated > 0 ? Self.counted(undated, "entry", "entries") : false
    emit("archive.html", "archive", archive)

    // Sources index, by name.
    var sourceList = pageContext(path: "sources.html", title: "Sources", flag: "isSources")
    sourceList["sources"] = sources.indices.sorted { i, j in
      let a = sources[i].info.name.lowercased()
      let b = sources[j].info.name.lowercased()
      return a != b ? a.utf8.lexicographicallyPrecedes(b.utf8) : sources[i].slug.utf8.lexicographicallyPrecedes(sources[j].slug.utf8)
    }.map { sourceContexts[$0] }
    emit("sources.html", "sources", sourceList)
    return files
  }

  /// `1 entry`, `12 entries`.
  static func counted(_ n: Int, _ singular: String, _ plural: String) -> String {
    "\(n) \(n == 1 ? singular : plural)"
  }

  private func dayLink(_ day: SiteDay) -> [String: Any] {
    ["label": SiteDates.dayLabel(day.first), "isoDay": day.first.isoDay, "path": day.path]
  }

  private func entryLink(_ entry: SiteEntry) -> [String: Any] {
    ["title": entry.title, "path": entry.path]
  }
}

// Data only: the phrases copied pages carry around an article. Matching is on the line
// lower-cased, white space folded, trailing punctuation (. : ! … > » ›) and leading bullets
// removed. Add phrases here, not rules in code.

enum BoilerplatePhrases {
  /// Whole lines that are never article text.
  static let lines: [String] = [
    // advertising and promotion
    "advertising", "advertisement", "advertisements", "ad", "ads", "sponsored", "sponsored content",
    "paid content", "promoted", "promoted stories", "partner content", "story continues below",
    "story continues below advertisement", "article continues below", "continue reading below",
    "continue reading", "continue reading the main story", "scroll to continue with content",
    "content continues below", "anzeige", "werbung", "publicidade", "publicidad", "pubblicità",
    "publicité", "реклама", "광고",
    // subscription, account, app
    "sign up to read this article", "already a member? sign in here", "sign in", "sign up",
    "log in", "login", "register", "subscribe", "subscribe now", "subscribe today",
    "subscribe to our newsletter", "sign up for our newsletter", "get the app", "download the app",
    "download our app", "one app", "one app. one membership", "start reading",
    "get all your news in one place", "100’s of premium titles", "100's of premium titles",
    "100+ trusted global sources", "fourteen days free", "read news from 100’s of titles, curated specifically for you",
    "read news from 100's of titles, curated specifically for you",
    "one subscription that gives you access to news from hundreds of sites",
    "top stories on inkl right now", "our picks", "already a subscriber", "already a subscriber? log in",
    "create an account", "my account", "manage account", "free trial",
    // sharing and social
    "share", "share this", "share this article", "share this story", "share on facebook",
    "share on twitter", "share via email", "tweet", "email", "print", "facebook", "twitter",
    "linkedin", "whatsapp", "pinterest", "reddit", "instagram", "youtube", "flipboard", "telegram",
    "copy link", "link copied", "copied", "comments", "comment", "view comments", "show comments",
    "hide comments", "add a comment", "leave a comment", "leave a reply", "post a comment",
    "please enter your comment", "please enter your name here",
    "you have entered an incorrect email address", "please enter your email address here",
    "save my name, email, and website in this browser for the next time i comment",
    "follow us", "follow us on twitter", "follow us on facebook", "like us on facebook", "teilen",
    "kommentare", "compartilhe", "compartir", "condividi", "partager", "поделиться",
    // related and navigation
    "read more", "read more…", "read more...", "read also", "also read", "see also", "related",
    "related stories", "related articles", "related posts", "related content", "related news",
    "related topics", "recommended", "recommended for you", "recommended stories", "more stories",
    "more from", "more news", "more on this story", "most read", "most popular", "most viewed",
    "trending", "trending now", "popular", "latest", "latest news", "latest stories", "top stories",
    "you may also like", "you might also like", "we recommend", "don't miss", "don’t miss",
    "editor's picks", "editor’s picks", "next article", "previous article", "next post",
    "previous post", "back to top", "skip to content", "skip to main content", "menu", "close",
    "search", "home", "topics", "tags", "sections", "watch", "listen", "video", "videos", "photos",
    "gallery", "loading", "loading...", "please wait", "click here", "more", "show more", "load more",
    "view all", "see all", "see more", "expand", "collapse", "toggle navigation",
    "lesen sie auch", "mehr zum thema", "auch interessant", "das könnte sie auch interessieren",
    "leia também", "leia mais", "lee también", "te puede interesar", "leggi anche", "lire aussi",
    "à lire aussi", "читайте также",
    // legal and site furniture
    "privacy policy", "cookie policy", "terms of use", "terms of service", "terms & conditions",
    "terms and conditions", "contact us", "about us", "advertise with us", "advertise", "careers",
    "all rights reserved", "cookie settings", "accept cookies", "accept", "accept all",
    "manage cookies", "do not sell my personal information", "adchoices", "ad choices", "sitemap",
    "impressum", "datenschutz", "newsletter", "newsletters", "rss", "feedback", "help", "faq",
    // media furniture
    "image", "photo", "enlarge this image", "toggle caption", "hide caption", "caption",
    "play video", "watch video", "video player", "0 seconds of 0 seconds", "volume 0%",
    "this video is not available", "your browser does not support the video tag",
    "javascript is disabled", "please enable javascript", "enable javascript",
  ]

  /// Line beginnings that mark a line as boilerplate (the rest of the line is a link or a pitch).
  static let prefixes: [String] = [
    "read also:", "read also ", "also read:", "read more:", "read more about", "read more here",
    "related:", "related article:", "related story:", "related post:", "related posts:", "related reading:",
    "see also:", "recommended:", "more:",
    "watch:", "watch now:", "listen:", "must read:", "don't miss:", "don’t miss:", "click here",
    "sign up for", "sign up to", "subscribe to", "subscribe for", "download the", "get the latest",
    "follow us on", "follow me on", "join us on", "like us on", "share this", "share on",
    "copyright ©", "copyright (c)", "© copyright", "©", "(c) copyright",
    "all rights reserved", "this article was originally published", "originally published",
    "this story has been", "this article has been", "we use cookies", "this site uses cookies",
    "this website uses cookies", "by continuing to use", "by using this site",
    "you have entered an incorrect", "please enter your", "leave a reply",
    "please enable javascript", "javascript is required", "your browser does not support",
    "lesen sie auch:", "mehr zum thema:", "leia também:", "leia mais:", "lee también:",
    "leggi anche:", "lire aussi:", "à lire aussi:", "читайте также:", "photo:", "photo credit:",
    "image:", "image credit:", "picture:", "credit:", "foto:", "bild:", "fotos:", "source:",
    "(photo", "(image", "(picture", "getty images", "pictured:",
    // credits and sign-offs under an article
    "image copyright", "image caption", "media playback is unsupported", "media playback is not supported",
    "(reporting by", "reporting by", "additional reporting by", "editing by", "writing by", "compiled by",
    "media caption", "this article is related to:", "have a tip?", "got a tip?", "got a news tip",
    // comment forms and their small print
    "notify me of", "notify me via", "notify me when", "this site uses akismet", "your email address will not be published",
    "required fields are marked", "please be mindful of our community", "community rules apply",
    "registration on or use of this site", "the material on this site may not be reproduced",
    "by submitting this form", "by submitting your", "by signing up", "by clicking", "by registering",
    "i agree that", "i agree to", "i have read and agree", "comments are moderated", "comment moderation",
    // newsletter and subscription pitches
    "no spam, we promise", "we will never share your", "we'll never share your", "you can unsubscribe at any time",
    "unsubscribe at any time", "sign up:", "sign up now", "sign up here", "you have successfully subscribed",
    "you have succesfully subscribed", "thank you for subscribing", "thanks for subscribing", "stay up to date with",
    "want more stories like this", "get our newsletter", "subscribe to our", "join our newsletter",
    "sharing is caring", "an email with an activation link", "please activate your subscription",
    "please, fill the form", "please fill the form", "please fill in the form",
    // "click the picture above …" in other languages
    "clique na ", "clique no ", "clique aqui", "clique e ", "clique em ", "klicken sie auf", "klicken sie hier",
    "cliquez ici", "cliquez sur", "haga clic", "clicca qui", "clicca sul",
  ]

  /// Lines after which the article is over: comment forms, related links, site footers.
  static let endMarkers: [String] = [
    "leave a reply", "leave a comment", "post a comment", "add a comment", "comments", "comment",
    "related stories", "related articles", "related posts", "related content", "related news",
    "related", "recommended for you", "recommended stories", "recommended", "more stories",
    "more from", "more news", "you may also like", "you might also like", "we recommend",
    "most read", "most popular", "most viewed", "sign up to read this article", "top stories",
    "trending now", "read next", "what to read next", "popular stories", "latest news",
    "also in the news", "more on this story", "more in", "share this article", "share this story",
    "tags", "topics", "about the author", "newsletter", "mehr zum thema", "kommentare",
    "das könnte sie auch interessieren", "weitere artikel", "leia também", "notícias relacionadas",
    "noticias relacionadas", "articoli correlati", "articles similaires", "похожие новости",
    "related links", "related coverage", "related video", "related videos", "more on this topic",
    "relacionadas", "relacionados", "matérias relacionadas", "artículos relacionados", "notas relacionadas",
  ]

  /// Headings of a list of sources under an article: the article is over there even when
  /// the list reads like prose (citations one after another).
  static let sourceListHeadings: [String] = [
    "sources", "references", "bibliography", "quellen", "einzelnachweise", "fontes", "fuentes", "fonti",
    "bibliografia", "bibliographie",
  ]

  /// "About" before a name makes a heading of a box about the writer or the company, after
  /// which the article is over.
  static let aboutBoxPrefixes: [String] = ["about ", "über ", "sobre ", "à propos de ", "acerca de ", "a proposito di "]
  /// "About me", "About us": a site's menu item, not a box.
  static let aboutSelf: Set<String> = ["me", "us", "mich", "uns", "mim", "nós", "nosotros", "nous", "moi", "noi"]

  /// Line beginnings after which the article is over (cookie banners, "you may like" blocks).
  static let endMarkerPrefixes: [String] = [
    "this website uses cookies", "this site uses cookies", "we use cookies", "privacy overview",
    "você pode gostar", "voce pode gostar", "tell us what you think", "what do you think",
    "you may also like", "you might also like", "recommended for you", "more from", "more stories",
    "related articles", "related posts", "related stories", "most popular", "most read", "trending",
    "das könnte sie auch interessieren", "weitere artikel", "te puede interesar", "también te puede interesar",
    "potrebbe interessarti", "vous aimerez aussi", "à lire aussi", "lesen sie auch", "leia também",
    "comments are closed", "leave a reply", "leave a comment", "sign up for our newsletter",
    "want more stories like this", "popular on ", "more from our", "more stories from", "about the author",
    "join the conversation", "this site uses akismet", "notify me of",
  ]

  /// A closing paragraph with one of `bioVerbs` near its start and one of `bioRoles` is the
  /// writer's biography.
  static let bioVerbs: [String] = [
    " is a ", " is an ", " is the ", " joined ", " has been a ", " has been reporting", " writes about ",
    " covers ", " was a ", " è un", " é um", " é uma", " ist ", " est un", " est une", " es un",
  ]
  static let bioRoles: [String] = [
    "writer", "reporter", "editor", "journalist", "correspondent", "contributor", "author", "columnist",
    "freelance", "educator", "blogger", "producer", "staff", "analyst", "founder", "professor",
    "giornalist", "jornalist", "periodista", "journaliste", "redakteur", "autor", "reporting on",
  ]

  /// A closing paragraph with one of these near its start is the publisher's profile under a
  /// press release.
  static let companyProfileVerbs: [String] = [
    " is a global ", " is a global,", " is a leading ", " is the leading ", " is the world's leading ",
    " is the world’s leading ", " is a world leader ", " is headquartered in ", " is a worldwide leader ",
  ]

  /// A line naming one of these and one of `consentContext` is a cookie notice.
  static let consentTopics: [String] = ["cookie", "куки", "쿠키"]
  static let consentContext: [String] = [
    "website", "site", "browser", "browsing", "consent", "privacy", "experience", "tracking", "navigat",
    "third part", "analytics", "personal data", "settings", "policy", "necessary", "accept", "sito", "navega",
    "web", "datenschutz", "einwillig", "utiliz", "utilis", "nutz", "сайт", "사이트",
  ]

  /// Short lines that name the wire or picture agency credited for a photo.
  static let creditNames: [String] = [
    "ap", "pa", "afp", "reuters", "getty", "getty images", "epa", "shutterstock", "alamy", "dpa",
    "ap photo", "pa wire", "pa media", "afp via getty images", "reuters/alamy", "istock",
    "file photo", "handout",
  ]

  static let lineSet: Set<String> = Set(lines)
  static let endMarkerSet: Set<String> = Set(endMarkers)
  static let creditSet: Set<String> = Set(creditNames)
  static let sourceListSet: Set<String> = Set(sourceListHeadings)
  static let prefixesByFirstScalar: [Unicode.Scalar: [String]] = Dictionary(
    grouping: prefixes, by: { $0.unicodeScalars.first! })
}

/// News agencies and wires whose name, alone on a line or in a byline, names the publisher.
enum KnownAgencies {
  static let names: [String] = [
    "Reuters", "Associated Press", "The Associated Press", "AP", "AFP", "Agence France-Presse",
    "PA", "PA Media", "Press Association", "Bloomberg", "dpa", "Deutsche Presse-Agentur", "ANSA",
    "EFE", "Xinhua", "TASS", "Interfax", "Kyodo", "Yonhap", "UPI", "CNN", "BBC", "Bloomberg News",
    "Reuters Staff", "AP Staff",
  ]
  static let nameSet: Set<String> = Set(names)
}

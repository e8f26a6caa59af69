"""The words festival sites print on film pages, in the languages we have met.

Labels are kept folded (see ``festarchive.core.text.fold``), so 'Länder',
'lander' and 'LÄNDER:' are one label. A label names either a fact of the film
(``FACT_LABELS``), a credit role (``ROLE_LABELS``, printed as the page has it),
or something we read past (``IGNORED_LABELS``).
"""

from festarchive.core.text import fold

# Word lists are kept as paragraphs, not one word a line.
# fmt: off


def _folded(*words: str) -> set[str]:
    return {fold(word) for word in words}


FACT_LABELS = {
    **dict.fromkeys(
        _folded(
            "original title", "originele titel", "originaltitel", "titre original",
            "původní název", "originalni naslov", "originaltitel", "título original",
            "tytuł oryginalny",
        ),
        "original_title",
    ),
    **dict.fromkeys(
        _folded(
            "director", "directors", "directed by", "regie", "regisseur",
            "réalisation", "réalisateur", "režie", "režija", "redatelj", "instruktør",
            "instruktion", "dirección", "director/a", "reżyseria",
        ),
        "directors",
    ),
    **dict.fromkeys(
        _folded(
            "country", "countries", "land", "landen", "länder", "produktionsland",
            "pays", "země", "zemlja", "država", "lande", "país", "países", "kraj",
            "production country", "countries of production",
        ),
        "countries",
    ),
    **dict.fromkeys(
        _folded(
            "year", "jaar", "jahr", "produktionsjahr", "année", "rok", "godina", "år",
            "año", "production year", "year of production",
        ),
        "year",
    ),
    **dict.fromkeys(
        _folded(
            "length", "runtime", "running time", "duration", "duur", "lengte",
            "dauer", "länge", "laufzeit", "durée", "stopáž", "délka", "trajanje",
            "længde", "spilletid", "duración", "czas trwania", "projection time",
        ),
        "runtime_minutes",
    ),
    **dict.fromkeys(
        _folded("premiere", "première", "premiéra", "premijera"), "premiere"
    ),
    **dict.fromkeys(
        _folded(
            "section", "sectie", "programma", "programme", "program", "programm",
            "sektion", "sekce", "sekcija", "selektion", "sección", "sekcja",
        ),
        "section",
    ),
}

# Roles as festival sites print them. Any label ending in ' by' ('Edited by')
# is a role too, so those need not be listed.
ROLE_LABELS = _folded(
    # English
    "director", "directors", "screenplay", "script", "writer", "written by",
    "cinematography", "camera", "photography", "director of photography", "pictures",
    "editing", "editor", "sound", "sound design", "music", "production", "producer",
    "producers", "co-production", "co-producer", "executive producer",
    "production design", "animation", "narrator", "cast", "with", "research",
    "world sales", "sales", "distribution", "print source", "screening copy",
    "involved tv channel", "contact", "production company", "commissioning editor",
    # Dutch
    "regie", "scenario", "montage", "geluid", "muziek", "productie", "coproductie",
    "co-productie", "uitvoerend producent", "wereldwijde verkoop", "distributie",
    "vertoningskopie", "betrokken tv-zender", "producent",
    # German
    "buch", "drehbuch", "kamera", "schnitt", "ton", "musik", "produktion",
    "produzent", "produzentin", "produzent*innen", "koproduktion", "weltvertrieb",
    "verleih", "mitwirkende",
    # French
    "réalisation", "scénario", "image", "son", "musique", "producteur", "productrice",
    "coproduction", "distribution", "ventes internationales",
    # Czech, Croatian, Polish
    "režie", "scénář", "kamera", "střih", "zvuk", "hudba", "producent", "režija",
    "scenarij", "snimatelj", "montaža", "glazba", "produkcija", "zdjęcia",
    "reżyseria", "scenariusz", "muzyka", "produkcja",
    # Danish, Spanish
    "instruktør", "manuskript", "fotograf", "klip", "lyd", "musik", "producer",
    "dirección", "guion", "fotografía", "montaje", "sonido", "música", "producción",
)

# The heading of a film's life at other festivals ('Festivals & Awards:
# IDFA (2022)'): read by page_festivals, past by the labels' reader.
FESTIVALS_HEADINGS = _folded(
    "selected festivals and awards", "festivals & awards", "festivals and awards",
    "awards", "festivals", "festival screenings", "selected festivals",
    "festivals en prijzen", "festivals & prijzen", "prijzen", "festivals und preise",
    "festivals & preise", "festivals & auszeichnungen", "auszeichnungen",
    "festivals et prix", "festivals & prix", "prix", "festivaly a ceny", "ceny",
    "festivali i nagrade", "nagrade", "festiwale i nagrody", "nagrody",
    "festivaler og priser", "festivales y premios", "premios",
)

IGNORED_LABELS = FESTIVALS_HEADINGS | _folded(
    "language", "languages", "spoken languages", "subtitle", "subtitles",
    "subtitles in", "sprache", "untertitel", "langue", "sous-titres", "jazyk",
    "titulky", "jezik", "titlovi", "sprog", "idioma", "rating", "tags", "contest",
    "format", "screening time",
    # Facts of the screening or the copy, not of the film's makers.
    "genre", "genres", "category", "kategorie", "kategorija", "type",
    "aspect ratio", "colour", "color", "farbe", "age rating", "altersfreigabe",
    "sound format", "screening format", "keywords", "topics", "themes", "theme",
    "website", "e-mail", "email", "phone", "tel", "price", "tickets", "venue",
    "date", "time", "datum", "zeit", "ort", "kino", "sál", "dvorana",
    "screening", "screenings", "vorführungen", "projekce", "premiere date",
)

# Headings that open a part of the page we read in its own way.
CREDITS_HEADINGS = _folded("credits", "aftiteling", "stab", "crew", "team")
HISTORY_HEADINGS = _folded(
    "festival history", "festivalgeschiedenis", "idfa history", "idfa geschiedenis"
)
SYNOPSIS_HEADINGS = _folded("synopsis", "synopsys", "inhoud", "over de film")

# Words that make a short line the name of a festival section.
SECTION_WORDS = _folded(
    "competition", "competitie", "wettbewerb", "compétition", "soutěž", "natjecanje",
    "konkurs", "konkurrence", "competición", "programme", "programm", "program",
    "section", "panorama", "forum", "focus", "spotlight", "masters", "frontlight",
    "envision", "best of fests", "luminous",
)

# Widget, cookie and navigation text that crawlers keep. A line equal to one
# of these (folded) is dropped; ``NOISE_FRAGMENTS`` drop any line they are in.
NOISE_LINES = _folded(
    "skip to content", "aller au contenu", "zum inhalt springen", "naar inhoud",
    "dans la même section", "search", "back", "share", "share this film",
    "print this page", "read more", "lees meer", "show all credits", "loading",
    "laden", "donate", "doneer", "myidfa", "mijnidfa", "en/nl", "nl/en", "about idfa",
    "over idfa", "archive", "archief", "menu", "close", "stills", "videos", "images",
    "beelden", "afbeeldingen", "video's", "foto's", "institutefestivalprofessionals",
    "instituutfestivalprofessionals", "general sponsor", "in the same section",
    "biography", "trailer", "tickets", "buy tickets", "watch trailer", "watch now",
    "newsletter", "login", "log in", "sign in", "favourites", "add to calendar",
    "facebook", "twitter", "instagram", "youtube", "vimeo", "linkedin",
    "share on facebook", "share on twitter", "zurück", "retour", "zpět", "natrag",
    "tilbage", "volver", "terug", "weiterlesen", "lire la suite",
)
NOISE_FRAGMENTS = (
    # Phrases of banners, not single words: a synopsis may speak of cookies.
    "created with sketch", "uses cookies", "use cookies", "using cookies",
    "cookie policy", "cookie settings", "cookiebeleid", "accept cookies",
    "cookies accepteren", "cookies akzeptieren", "cookie-einstellungen",
    "this website uses", "deze website gebruikt", "jetzt schauen",
    "more from the program section", "if you choose to decline", "this site uses",
    "privacy policy", "privacybeleid", "accept all", "alle akzeptieren",
    "enable javascript", "javascript is disabled", "subscribe to our newsletter",
    "add to favourites", "add to my",
)

# Adjectives and names in premieres ('Austrian Premiere', 'Deutschlandpremiere')
# to the country they name, where the country's own name would not be found.
PREMIERE_COUNTRIES = {
    "dutch": "NL",
    "nederlandse": "NL",
    "austrian": "AT",
    "österreich": "AT",
    "swiss": "CH",
    "schweizer": "CH",
    "german": "DE",
    "deutsche": "DE",
    "deutschland": "DE",
    "belgian": "BE",
    "belgische": "BE",
    "french": "FR",
    "française": "FR",
    "danish": "DK",
    "danske": "DK",
    "czech": "CZ",
    "česká": "CZ",
    "croatian": "HR",
    "hrvatska": "HR",
    "polish": "PL",
    "polska": "PL",
    "spanish": "ES",
    "española": "ES",
    "italian": "IT",
    "british": "GB",
    "uk": "GB",
    "canadian": "CA",
    "us": "US",
    "american": "US",
    "nordic": None,
    "scandinavian": None,
    "benelux": None,
    "north american": None,
}
PREMIERE_KINDS = {
    "world": "world",
    "wereld": "world",
    "welt": "world",
    "mondiale": "world",
    "international": "international",
    "internationale": "international",
    "european": "european",
    "europese": "european",
    "europa": "european",
    "européenne": "european",
    "europäische": "european",
}

# Festivals by the site their pages come from. A site not listed gives a
# festival named after its domain.
FESTIVAL_SITES = {
    "idfa.nl": "IDFA",
    "berlinale.de": "Berlinale",
    "zagrebdox.net": "ZagrebDox",
    "cinemadureel.org": "Cinéma du Réel",
    "zlinfest.cz": "Zlín Film Festival",
    "kasselerdokfest.de": "Kasseler Dokfest",
    "cphdox.dk": "CPH:DOX",
    "docsag.pl": "Millennium Docs Against Gravity",
    "hotdocs.ca": "Hot Docs",
    "visionsdureel.ch": "Visions du Réel",
    "dokfest-muenchen.de": "DOK.fest München",
    "dok-leipzig.de": "DOK Leipzig",
    "sheffdocfest.com": "Sheffield DocFest",
    "ji-hlava.com": "Ji.hlava",
}

# Common short words of each language, to tell a page's language by its prose.
LANGUAGE_WORDS = {
    "en": {"the", "and", "of", "to", "is", "in", "with", "his", "her", "for"},
    "nl": {"de", "het", "een", "en", "van", "is", "zijn", "met", "niet", "op"},
    "de": {"der", "die", "und", "das", "ist", "mit", "nicht", "sich", "den", "auf"},
    "fr": {"le", "la", "les", "et", "est", "des", "une", "du", "dans", "pour"},
    "es": {"el", "los", "las", "y", "que", "una", "del", "por", "con", "es"},
    # Single letters ('a', 'i') are left out: English has them too.
    "cs": {"je", "se", "na", "že", "jeho", "ve", "který", "jako", "po", "jsou"},
    "hr": {"je", "u", "se", "na", "da", "koji", "su", "od", "za", "što"},
    "da": {"og", "det", "er", "en", "at", "af", "til", "med", "som", "på"},
    "pl": {"w", "na", "się", "z", "jest", "nie", "do", "że", "jak", "przez"},
}

# fmt: on

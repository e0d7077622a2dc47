"""Short reviews written for this project, for the short-text stage of sentiment training.

The IMDB reviews the models first learn from are about 230 words long; what a class
types first is one line, often a negation ("Not bad at all."). These templates are
the project's own words (no IMDB text): plain praise and complaints, negated
adjectives and verbs, contrast where the clause after "but" / "although ..." carries
the verdict, expectations, short idioms and one-word verdicts. `short_reviews(n, seed)`
draws `n` of them, balanced between positive and negative and between the categories.

The development set in `tests/data/one_liners_dev.tsv` is written separately, by hand,
and is never generated from here.
"""

import numpy as np

POSITIVE_ADJECTIVES = (
    "great", "good", "wonderful", "excellent", "brilliant", "amazing", "fantastic",
    "superb", "beautiful", "moving", "funny", "hilarious", "charming", "gripping",
    "thrilling", "delightful", "clever", "smart", "touching", "powerful", "stunning",
    "enjoyable", "entertaining", "fun", "solid", "impressive", "memorable",
    "outstanding", "terrific", "lovely", "fresh", "original", "inspiring", "engaging",
    "compelling", "heartwarming", "witty", "breathtaking", "masterful", "awesome",
    "gorgeous", "magnificent", "refreshing", "riveting", "sharp", "wonderfully acted",
    "well made", "well written", "beautifully shot", "a joy to watch", "a delight",
    "top notch", "first rate", "spot on", "worth watching", "worth seeing",
)  # fmt: skip
NEGATIVE_ADJECTIVES = (
    "bad", "terrible", "awful", "horrible", "boring", "dull", "stupid", "weak", "poor",
    "lame", "predictable", "pointless", "painful", "tedious", "slow", "bland",
    "forgettable", "mediocre", "disappointing", "annoying", "ridiculous", "silly",
    "messy", "confusing", "lifeless", "flat", "cheap", "clumsy", "pretentious",
    "overrated", "unwatchable", "dreadful", "atrocious", "pathetic", "embarrassing",
    "laughable", "uninspired", "generic", "bloated", "shallow", "tiresome", "unfunny",
    "wooden", "dumb", "a mess", "a disaster", "a waste of time", "a letdown",
    "a chore to sit through", "poorly written", "badly acted", "badly edited",
    "badly directed", "not worth it", "a bore", "a snooze",
)  # fmt: skip
# Negative words whose negation reads as praise ("not bad at all" is positive).
NEGATABLE_NEGATIVE = (
    "bad", "boring", "dull", "disappointing", "predictable", "slow", "forgettable",
    "tedious", "a waste of time", "a letdown", "too long", "a bore", "terrible",
    "awful", "overrated", "confusing", "cheesy",
)  # fmt: skip
# Praise whose negation reads as a complaint ("not good", "not a masterpiece").
NEGATABLE_POSITIVE = (
    "good", "great", "funny", "interesting", "worth it", "worth watching", "entertaining",
    "enjoyable", "impressive", "exciting", "scary", "original", "clever", "memorable",
    "a masterpiece", "a good movie", "worth the money", "worth the ticket",
    "very good", "any good", "that good", "as good as they say", "engaging",
)  # fmt: skip
SUBJECTS = (
    "the movie", "this movie", "the film", "this film", "it", "the acting", "the plot",
    "the story", "the script", "the ending", "the cast", "the soundtrack", "the music",
    "the dialogue", "the direction", "the cinematography", "the visuals", "the effects",
    "the characters", "the pacing", "the jokes", "the lead actor", "the lead actress",
    "the performances", "this sequel", "the writing", "the humor", "the action scenes",
    "the first half", "the second half", "the finale", "the villain", "the animation",
    "the screenplay", "the premise", "the whole thing", "the show", "this episode",
)  # fmt: skip
NOUNS = ("movie", "film", "story", "ride", "experience", "watch", "picture", "show", "flick")
INTENSIFIERS = (
    "", "", "", "really ", "very ", "so ", "truly ", "absolutely ", "incredibly ",
    "pretty ", "quite ", "totally ", "extremely ", "just ", "genuinely ",
)  # fmt: skip
POSITIVE_VERBS = ("loved", "liked", "enjoyed", "adored", "really liked", "really enjoyed")
NEGATIVE_VERBS = ("hated", "disliked", "despised", "couldn't stand", "regretted watching")
OBJECTS = ("it", "this movie", "this film", "every minute", "the whole thing", "the film")
OPENERS = (
    "", "", "", "", "", "Honestly, ", "Overall, ", "In short, ", "Well, ", "Wow, ",
    "I think ", "To be honest, ", "Frankly, ", "All in all, ", "Simply put, ",
)  # fmt: skip
ENDINGS = (".", ".", ".", "!", "!!", "...", "")


def _clause(rng, positive):
    """A short opinion clause, e.g. "the acting was wooden" or "I loved it"."""
    adjectives = POSITIVE_ADJECTIVES if positive else NEGATIVE_ADJECTIVES
    verbs = POSITIVE_VERBS if positive else NEGATIVE_VERBS
    kind = rng.integers(4)
    if kind == 0:
        return f"{_pick(rng, SUBJECTS)} {_pick(rng, ('was', 'is'))} {_pick(rng, INTENSIFIERS)}{_pick(rng, adjectives)}"
    if kind == 1:
        return f"I {_pick(rng, verbs)} {_pick(rng, OBJECTS)}"
    if kind == 2:
        subject = _pick(rng, SUBJECTS)
        return f"{subject} {_pick(rng, ('was', 'is'))} {_pick(rng, adjectives)} and {_pick(rng, adjectives)}"
    if positive:
        return _pick(rng, ("it is worth watching", "it works", "it is a joy", "I would watch it again", "it won me over", "it is worth every minute"))  # fmt: skip
    return _pick(rng, ("it falls flat", "it never works", "it is a mess", "I would not watch it again", "it drags", "it never comes together"))  # fmt: skip


def _pick(rng, options):
    return options[int(rng.integers(len(options)))]


def _a(word):
    """`word` with its indefinite article: "a great", "an awful"."""
    return ("an " if word[0] in "aeiou" else "a ") + word


def _sentence(rng, body):
    text = _pick(rng, OPENERS) + body + _pick(rng, ENDINGS)
    text = text[0].upper() + text[1:] if rng.random() < 0.85 else text.lower()
    return text


def plain(rng, positive):
    adjectives = POSITIVE_ADJECTIVES if positive else NEGATIVE_ADJECTIVES
    kind = rng.integers(5)
    if kind == 0:
        return _sentence(rng, _clause(rng, positive))
    if kind == 1:
        return _sentence(
            rng, f"what a {_pick(rng, INTENSIFIERS)}{_pick(rng, adjectives)} {_pick(rng, NOUNS)}"
        )
    if kind == 2:
        return _sentence(
            rng, f"a {_pick(rng, INTENSIFIERS)}{_pick(rng, adjectives)} {_pick(rng, NOUNS)}"
        )
    if kind == 3:
        a, b, c = (_pick(rng, adjectives) for _ in range(3))
        return _sentence(rng, f"{a}, {b} and {c}")
    if positive:
        return _sentence(rng, _pick(rng, ("highly recommended", "I recommend it to everyone", "go see it", "I would see it again", "a film I will remember", "one of the best films this year", "the best movie I have seen in years", "everyone should see this")))  # fmt: skip
    return _sentence(rng, _pick(rng, ("avoid it", "one of the worst films this year", "the worst movie I have seen in years", "nobody should see this", "I regret watching it", "what a waste", "stay away from this one", "I would not wish it on anyone")))  # fmt: skip


def negation(rng, positive):
    """A negated word or verb; `positive` is the verdict AFTER the negation."""
    words = NEGATABLE_NEGATIVE if positive else NEGATABLE_POSITIVE
    word = _pick(rng, words)
    kind = rng.integers(14)
    if kind >= 8:
        return _sentence(rng, _negated_statement(rng, positive, kind - 8))
    if kind == 0:
        return _sentence(rng, f"not {word}{_pick(rng, ('', ' at all', ' at all', ''))}")
    if kind == 1:
        verb = _pick(rng, ("was not", "wasn't", "is not", "isn't", "was never", "is never", "was hardly", "was far from"))  # fmt: skip
        return _sentence(rng, f"{_pick(rng, SUBJECTS)} {verb} {word}")
    if kind == 2:
        return _sentence(rng, f"{_pick(rng, ('it was not', 'it wasnt', 'it is not', 'this is not', 'this was not', 'that was not'))} {word}{_pick(rng, ('', ' at all'))}")  # fmt: skip
    if kind == 3:
        return _sentence(rng, f"I would not say it was {word}")
    if kind == 4:
        return _sentence(rng, f"{_pick(rng, ('never', 'not once', 'not for a second', 'not even a little'))} {word}")  # fmt: skip
    phrases_positive = (
        "I was not disappointed", "I wasn't disappointed", "I was never bored",
        "I wasn't bored for a second", "I could not stop laughing", "I couldn't look away",
        "I couldn't stop watching", "you won't regret it", "you will not be disappointed",
        "don't miss it", "do not miss this one", "no complaints", "I have no complaints",
        "nothing to complain about", "I can't recommend it enough", "not a single dull moment",
        "never a dull moment", "I didn't want it to end", "it never gets old",
        "I can't stop thinking about it", "not one bad scene", "no weak spots",
    )  # fmt: skip
    phrases_negative = (
        "I did not like it", "I didn't like it", "I didn't enjoy it", "I did not enjoy it at all",
        "I was not impressed", "I wasn't impressed", "I was not entertained",
        "not recommended", "I can't recommend it", "I cannot recommend this",
        "I couldn't finish it", "I could not wait for it to end", "don't waste your money",
        "don't waste your time", "do not bother", "never again", "nothing special",
        "nothing new", "nothing happens", "it does not work", "it doesn't work at all",
        "I would not watch it again", "not worth watching", "not worth the ticket",
        "I don't get the hype", "it didn't make me laugh once", "no plot, no heart",
        "I didn't care about anyone", "I won't be watching the sequel",
    )  # fmt: skip
    phrases = phrases_positive if positive else phrases_negative
    return _sentence(rng, _pick(rng, phrases))


# Parts of things a film has, for "none of the jokes landed", "not one scene dragged".
PLURAL_PARTS = (
    "jokes", "scenes", "characters", "performances", "twists", "songs", "action scenes",
    "actors", "effects", "lines", "side characters", "subplots", "fight scenes", "episodes",
)  # fmt: skip
SINGULAR_PARTS = (
    "scene", "joke", "moment", "line", "minute", "shot", "performance", "character",
    "song", "twist", "frame", "episode",
)  # fmt: skip
# What a part does when it works / fails, past tense ("felt real", "fell flat").
WORKED = (
    "worked", "landed", "felt real", "made sense", "clicked", "stood out", "felt fresh",
    "made me laugh", "moved me", "surprised me", "was believable", "was memorable",
    "felt earned", "held my attention", "was any fun", "was funny", "was worth it",
)  # fmt: skip
FAILED = (
    "felt wasted", "felt cheap", "felt forced", "fell flat", "dragged", "bored me",
    "annoyed me", "disappointed me", "felt fake", "felt off", "felt rushed", "was wasted",
    "missed", "went on too long", "bothered me", "felt pointless", "was dull", "looked fake",
    "got old", "felt like filler",
)  # fmt: skip
# What the whole film does when it works / fails, infinitive ("didn't disappoint").
FILM_FAILS = (
    "disappoint", "drag", "let up", "lose steam", "miss a beat", "overstay its welcome",
    "put a foot wrong", "feel long", "get boring", "talk down to the audience", "feel cheap",
    "take a wrong turn", "run out of ideas", "feel its length", "waste a minute",
)  # fmt: skip
FILM_WORKS = (
    "work", "come together", "take off", "find its footing", "make sense", "earn its ending",
    "go anywhere", "hold together", "feel real", "grab me", "make me care", "land",
    "deliver", "live up to its premise", "keep my attention", "have a point",
)  # fmt: skip
# What a viewer did when bored / engaged ("I didn't check my phone once").
VIEWER_BORED = (
    "check my phone", "look at my watch", "check the time", "get bored", "want to leave",
    "zone out", "reach for the remote", "think about leaving", "yawn", "get distracted",
)  # fmt: skip
VIEWER_ENGAGED = (
    "laugh", "smile", "care about anyone", "feel anything", "buy it", "believe a word of it",
    "get invested", "feel the tension", "root for anyone", "see the point",
)  # fmt: skip
CANNOT = ("can not", "cannot", "can't")
WONT = ("won't", "will not")
CHANGE_VERBS = ("change", "cut", "skip", "fix", "add")
CHANGE_OBJECTS = ("a thing", "a single thing", "a single scene", "a minute", "a frame", "one line")


def _third_person(phrase):
    """ "let up" -> "lets up", "miss a beat" -> "misses a beat", "have a point" -> "has a point"."""
    verb, _, rest = phrase.partition(" ")
    irregular = {"have": "has", "go": "goes", "do": "does"}
    if verb in irregular:
        verb = irregular[verb]
    else:
        verb += "es" if verb.endswith(("s", "sh", "ch", "x")) else "s"
    return f"{verb} {rest}".strip()


def _negated_statement(rng, positive, kind):
    """A negated verb phrase; `positive` is the verdict after the negation.

    Families: "none of the / not one / nothing about ... <failed or worked>",
    "<subject> didn't / never <fail or work>", "I didn't <get bored or laugh> once",
    "I wouldn't change a thing" / "I can't say I liked it".
    """
    did = _pick(rng, ("didn't", "did not", "doesn't", "does not", "never"))
    if kind == 0:
        verb = _pick(rng, FAILED if positive else WORKED)
        return f"none of the {_pick(rng, PLURAL_PARTS)} {verb}"
    if kind == 1:
        verb = _pick(rng, FAILED if positive else WORKED)
        return (
            f"{_pick(rng, ('not one', 'not a single', 'no'))} {_pick(rng, SINGULAR_PARTS)} {verb}"
        )
    if kind == 2:
        verb = _pick(rng, FAILED if positive else WORKED)
        subject = _pick(rng, SUBJECTS)
        return f"{_pick(rng, ('nothing about', 'nothing in', 'nothing in'))} {subject} {verb}"
    if kind == 3:
        verb = _pick(rng, FILM_FAILS if positive else FILM_WORKS)
        tail = _pick(rng, ("", "", " once", " for a second", " at all", " for a minute"))
        if did == "never":
            verb = _third_person(verb)
        return f"{_pick(rng, SUBJECTS)} {did} {verb}{tail}"
    if kind == 4:
        did = _pick(rng, ("didn't", "did not", "never", "couldn't", "could not"))
        verb = _pick(rng, VIEWER_BORED if positive else VIEWER_ENGAGED)
        tail = _pick(rng, (" once", " once", " even once", "", " for a second", " at all"))
        return f"I {did} {verb}{tail}"
    if positive:
        return _pick(rng, (
            f"I {_pick(rng, ('wouldn', 'couldn'))}\N{APOSTROPHE}t {_pick(rng, CHANGE_VERBS)} {_pick(rng, CHANGE_OBJECTS)}",
            f"I have nothing {_pick(rng, ('bad', 'negative', 'but good things'))} to say about {_pick(rng, OBJECTS)}",
            f"I can't find {_pick(rng, ('a single flaw', 'anything wrong', 'a weak spot', 'a dull scene'))} in {_pick(rng, OBJECTS)}",
            f"{_pick(rng, ('it is hard', 'it is impossible', 'you can not help', 'I could not help'))} {_pick(rng, ('not to love it', 'not to smile', 'not to be moved', 'not to cheer'))}",
            f"{_pick(rng, ('it', 'this movie', 'the film'))} couldn't have been {_pick(rng, ('better', 'more fun', 'any better'))}",
            f"I {_pick(rng, CANNOT)} fault {_pick(rng, OBJECTS)}",
            f"you {_pick(rng, WONT)} {_pick(rng, ('regret it', 'be bored', 'be disappointed', 'want to look away'))}",
        ))  # fmt: skip
    word = _pick(rng, NEGATABLE_POSITIVE)
    return _pick(rng, (
        f"I can't say I {_pick(rng, ('liked', 'enjoyed', 'loved', 'cared for', 'recommend'))} {_pick(rng, OBJECTS)}",
        f"I wouldn't call {_pick(rng, OBJECTS)} {word}",
        f"{_pick(rng, ('hard', 'impossible'))} to call it {word}",
        f"{_pick(rng, ('anything but', 'far from', 'not exactly', 'hardly', 'nowhere near'))} {word}",
        f"{_pick(rng, ('nobody', 'no one'))} in the cast {_pick(rng, ('can act', 'seems to care', 'stands out', 'had a reason to be there'))}",
        f"there is no {_pick(rng, ('reason to watch it', 'heart in it', 'tension', 'story to speak of', 'chemistry', 'point to it'))}",
        f"it couldn't have been {_pick(rng, ('worse', 'more boring', 'any duller'))}",
    ))  # fmt: skip


# Small faults or merits that do not outweigh the verdict ("great, though a bit long").
MINOR_FAULTS = (
    "a bit long", "a little slow in places", "not perfect", "the ending is a bit rushed",
    "a few jokes miss", "the middle sags a little", "the villain is thin",
)  # fmt: skip
MINOR_MERITS = (
    "the music is nice", "it has a few good jokes", "the lead tries hard", "the poster is nice",
    "it looks nice", "a couple of scenes work", "the costumes are pretty",
)  # fmt: skip


def contrast(rng, positive):
    """Two clauses of opposite polarity; the verdict follows the main clause."""
    main = _clause(rng, positive)
    other = _clause(rng, not positive)
    kind = rng.integers(12)
    if kind == 5:
        return _sentence(rng, f"{other}, though {main}")
    if kind == 6:
        return _sentence(rng, f"{other}. {_pick(rng, ('still', 'even so', 'however', 'in the end', 'overall'))}, {main}")  # fmt: skip
    if kind == 7:
        return _sentence(rng, f"{_pick(rng, ('sure, ', 'yes, ', 'ok, ', ''))}{other}, but {_pick(rng, ('overall ', 'in the end ', 'still ', 'all in all '))}{main}")  # fmt: skip
    if kind == 8:
        minor = _pick(rng, MINOR_FAULTS if positive else MINOR_MERITS)
        return _sentence(rng, f"{main}, {_pick(rng, ('though', 'even if', 'although'))} {minor}")
    if kind == 9:
        minor = _pick(rng, MINOR_FAULTS if positive else MINOR_MERITS)
        return _sentence(rng, f"{minor}, but {main}")
    if kind == 10:
        adjective = _pick(rng, NEGATIVE_ADJECTIVES[:30] if positive else POSITIVE_ADJECTIVES[:40])
        return _sentence(rng, f"{_pick(rng, ('despite', 'for all its'))} {adjective} {_pick(rng, PLURAL_PARTS)}, {main}")  # fmt: skip
    if kind == 11:
        if positive:
            return _sentence(rng, f"{other}, but {_pick(rng, ('the rest more than makes up for it', 'everything else works', 'it is still worth seeing', 'I loved it anyway', 'the ending makes up for it'))}")  # fmt: skip
        return _sentence(rng, f"{other}, but {_pick(rng, ('that is the only good thing', 'that is about it', 'that is all it has', 'the rest is a mess', 'it cannot save the film'))}")  # fmt: skip
    if kind == 0:
        return _sentence(rng, f"{other}, but {main}")
    if kind == 1:
        return _sentence(rng, f"although {other}, {main}")
    if kind == 2:
        return _sentence(rng, f"{other}, yet {main}")
    if kind == 3:
        return _sentence(rng, f"{main}, even though {other}")
    return _sentence(rng, f"even if {other}, {main}")


REMAKES = ("sequel", "remake", "follow-up", "adaptation", "reboot", "prequel", "spin-off")
ORIGINALS = ("original", "book", "first film", "first one", "novel", "comic", "game")


def expectation(rng, positive):
    kind = rng.integers(3)
    if kind == 1:  # a remake judged against its original: the remake's adjective decides
        mine = _pick(rng, POSITIVE_ADJECTIVES[:40] if positive else NEGATIVE_ADJECTIVES[:30])
        theirs = _pick(rng, NEGATIVE_ADJECTIVES[:30] if positive else POSITIVE_ADJECTIVES[:40])
        return _sentence(
            rng, f"{_a(mine)} {_pick(rng, REMAKES)} to {_a(theirs)} {_pick(rng, ORIGINALS)}"
        )
    if kind == 2:  # what others said against what I found
        others = _pick(rng, ("everyone said", "the reviews said", "my friends said", "critics said", "people told me"))  # fmt: skip
        if positive:
            heard = _pick(rng, NEGATIVE_ADJECTIVES[:30])
            mine = _pick(rng, ("I loved it", "they were wrong", "I had a great time", "I was hooked", "it won me over", "I enjoyed every minute"))  # fmt: skip
        else:
            heard = _pick(rng, POSITIVE_ADJECTIVES[:40])
            mine = _pick(rng, ("I just don't see it", "I was bored", "I don't get it", "it did nothing for me", "I nearly fell asleep", "I wanted to leave"))  # fmt: skip
        return _sentence(rng, f"{others} it was {heard}{_pick(rng, (', but ', ', ', '. '))}{mine}")
    if positive:
        phrases = (
            "better than I expected", "much better than I expected", "way better than expected",
            "it exceeded my expectations", "it exceeded all my expectations",
            "I had low expectations and it blew me away", "I expected nothing and loved it",
            "I expected little and was pleasantly surprised", "I went in skeptical and came out a fan",
            "it surprised me in the best way", "it lived up to the hype", "even better than the book",
            "better than the original", "it was better than the trailer suggested",
            "I did not expect to love it this much", "I didn't expect much but it was great",
            "a pleasant surprise", "a surprisingly good film", "surprisingly funny",
            "it turned out to be great", "it's even better the second time",
        )  # fmt: skip
    else:
        phrases = (
            "worse than I expected", "not as good as I expected", "it did not live up to the hype",
            "it didn't live up to the hype", "I expected more", "I expected so much more",
            "I had high hopes, but it let me down", "what a letdown", "overhyped and underwhelming",
            "it failed to meet my expectations", "nowhere near as good as the original",
            "not as good as the first one", "the trailer was better than the movie",
            "I expected better from this director", "a big disappointment", "so disappointing",
            "it fell short of my expectations", "I was expecting a lot more",
            "the book was much better", "it could have been so much better", "a wasted opportunity",
        )  # fmt: skip
    return _sentence(rng, _pick(rng, phrases))


def idiom(rng, positive):
    if positive:
        phrases = (
            "two thumbs up", "a must see", "a must-see", "it kept me on the edge of my seat",
            "I laughed my head off", "a real gem", "ten out of ten", "10/10", "five stars",
            "I was glued to the screen", "it stole my heart", "worth every penny",
            "a breath of fresh air", "an instant classic", "I'd watch it again in a heartbeat",
            "it blew my mind", "they hit it out of the park", "pure magic", "a crowd pleaser",
            "a feast for the eyes", "it had me hooked", "a knockout", "I was on the edge of my seat",
            "this one's a keeper", "a triumph", "chills", "what a ride", "bravo",
            "a masterpiece", "it gave me goosebumps", "I was in tears, in a good way",
            "chef's kiss", "an absolute banger", "it slaps", "it rocks", "a home run",
            "they nailed it", "firing on all cylinders", "it hit all the right notes",
            "it knocked it out of the park", "I was grinning ear to ear", "a slam dunk",
            "it lives rent free in my head", "my new comfort movie", "it's the real deal",
            "it swept me off my feet", "I'm still buzzing", "it's fire", "over the moon",
            "it left me speechless", "it hits different", "a total win", "the goat",
            "worth the hype", "no notes", "a gem", "it stole the show", "it warmed my heart",
        )  # fmt: skip
        subject_phrases = (
            "is pure gold", "is on fire", "slaps", "rocks", "is a ten", "is the best part",
            "blew me away", "knocked me out", "hit home", "is top tier", "is next level",
        )  # fmt: skip
    else:
        phrases = (
            "two hours of my life I will never get back", "a total snooze fest", "I want my money back",
            "thumbs down", "zero stars", "one out of ten", "1/10", "it put me to sleep",
            "I fell asleep halfway through", "a waste of time", "a train wreck", "dead on arrival",
            "save your money", "skip this one", "I walked out", "painful to sit through",
            "it dragged on forever", "utter garbage", "a complete dud", "a snoozer",
            "it made my eyes glaze over", "a hot mess", "what a flop", "a yawn fest",
            "I was checking my watch the whole time", "a cure for insomnia", "total trash",
            "it stinks", "a real stinker", "straight to the bargain bin", "nope",
            "a dumpster fire", "a hard pass", "mid at best", "pretty mid", "so cringe",
            "a swing and a miss", "it missed the mark", "all style, no substance",
            "paint by numbers", "it jumped the shark", "half-baked", "a nothing burger",
            "it fell flat on its face", "it left a bad taste in my mouth", "a sleeper, literally",
            "not my cup of tea", "the cast phoned it in", "it went over like a lead balloon",
            "I rolled my eyes the whole time", "a facepalm", "a big yikes", "a slog",
            "it sank like a stone", "a cash grab", "it aged like milk", "a dud",
        )  # fmt: skip
        subject_phrases = (
            "is a mess", "is cringe", "is mid", "was phoned in", "is over the top",
            "fell flat", "sinks it", "is painfully bad", "is laughably bad", "bombs",
            "is a joke", "misses the mark",
        )  # fmt: skip
    if rng.random() < 0.3:
        return _sentence(rng, f"{_pick(rng, SUBJECTS)} {_pick(rng, subject_phrases)}")
    return _sentence(rng, _pick(rng, phrases))


def one_word(rng, positive):
    if positive:
        words = POSITIVE_ADJECTIVES[:45] + ("masterpiece", "loved it", "wow", "perfection", "superb", "great movie", "so good", "yes", "beautiful film", "must see")  # fmt: skip
    else:
        words = NEGATIVE_ADJECTIVES[:45] + ("meh", "hated it", "yawn", "rubbish", "garbage", "trash", "awful movie", "so bad", "ugh", "terrible film", "boo")  # fmt: skip
    word = _pick(rng, words)
    end = _pick(rng, (".", "!", "", "!!!", "..."))
    text = word + end
    return text[0].upper() + text[1:] if rng.random() < 0.8 else text


CATEGORIES = {
    "plain": plain,
    "negation": negation,
    "contrast": contrast,
    "expectation": expectation,
    "idiom": idiom,
    "oneword": one_word,
}


def short_reviews(n, seed):
    """`n` generated one-line reviews: a list of `(text, label, category)`, label 1 positive.

    Half are positive; the categories take turns, so each holds about n / 6.
    """
    rng = np.random.default_rng(seed)
    names = list(CATEGORIES)
    rows = []
    for i in range(n):
        category = names[i % len(names)]
        positive = bool((i // len(names)) % 2)
        rows.append((CATEGORIES[category](rng, positive), int(positive), category))
    return rows

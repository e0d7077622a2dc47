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
    kind = rng.integers(8)
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


def contrast(rng, positive):
    """Two clauses of opposite polarity; the verdict follows the main clause."""
    main = _clause(rng, positive)
    other = _clause(rng, not positive)
    kind = rng.integers(5)
    if kind == 0:
        return _sentence(rng, f"{other}, but {main}")
    if kind == 1:
        return _sentence(rng, f"although {other}, {main}")
    if kind == 2:
        return _sentence(rng, f"{other}, yet {main}")
    if kind == 3:
        return _sentence(rng, f"{main}, even though {other}")
    return _sentence(rng, f"even if {other}, {main}")


def expectation(rng, positive):
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
        )  # fmt: skip
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

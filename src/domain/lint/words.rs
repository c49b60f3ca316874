//! The words the answer-cue lint compares: lower case, split at anything
//! that is not a letter or a digit, plurals cut back to their singular
//! ("gloves" → "glove", "pharmacies" → "pharmacy"), and the little words
//! that carry no content left out.

/// Words too common to give an answer away, in sorted order (looked up by
/// binary search).
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "best",
    "between",
    "both",
    "but",
    "by",
    "can",
    "choose",
    "could",
    "did",
    "do",
    "doe",
    "during",
    "each",
    "either",
    "false",
    "first",
    "following",
    "for",
    "four",
    "from",
    "ha",
    "had",
    "have",
    "having",
    "he",
    "her",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "least",
    "may",
    "might",
    "more",
    "most",
    "my",
    "neither",
    "no",
    "nor",
    "not",
    "of",
    "on",
    "one",
    "onto",
    "or",
    "other",
    "our",
    "over",
    "own",
    "per",
    "same",
    "select",
    "shall",
    "she",
    "should",
    "so",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "three",
    "to",
    "true",
    "two",
    "under",
    "up",
    "us",
    "via",
    "wa",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yes",
    "you",
    "your",
];

/// Words that make a statement absolute: test-wise learners know options
/// with them are usually wrong.
pub const ABSOLUTE_WORDS: &[&str] = &[
    "only",
    "always",
    "never",
    "all",
    "none",
    "must",
    "every",
    "cannot",
    "nothing",
    "entirely",
    "completely",
    "solely",
    "exclusively",
];

/// The lower-case words of a text, as written.
pub fn raw_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// A word cut back to its singular: "-ies" → "-y", "-es" after s, x, z,
/// ch and sh, and a final "s" (not after "s", "u" or "i": "glass",
/// "virus", "analysis" stay). Light on purpose: both sides of every
/// comparison are cut the same way, so a cut too far does no harm.
pub fn singular(w: &str) -> String {
    let n = w.chars().count();
    if n > 4 {
        if let Some(base) = w.strip_suffix("ies") {
            return format!("{base}y");
        }
        for end in ["ses", "xes", "zes", "ches", "shes"] {
            if w.ends_with(end) {
                return w[..w.len() - 2].to_string();
            }
        }
    }
    if n > 2 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// The content words of a text: singular, at least two characters with a
/// letter in them (numbers and doses are left to other checks; "C" of
/// "C-PEC" says nothing), and not stop words.
pub fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    raw_words(text)
        .filter(|w| w.chars().count() >= 2 && w.chars().any(char::is_alphabetic))
        .map(|w| singular(&w))
        .filter(|w| STOP_WORDS.binary_search(&w.as_str()).is_err())
}

/// Whether a text uses an absolute word.
pub fn is_absolute(text: &str) -> bool {
    raw_words(text).any(|w| ABSOLUTE_WORDS.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_the_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn plurals_are_cut_back_lightly() {
        for (w, s) in [
            ("gloves", "glove"),
            ("pharmacies", "pharmacy"),
            ("boxes", "box"),
            ("batches", "batch"),
            ("hds", "hd"),
            ("glass", "glass"),
            ("virus", "virus"),
            ("analysis", "analysis"),
            ("gas", "ga"),
            ("is", "is"),
        ] {
            assert_eq!(singular(w), s, "{w}");
        }
    }

    #[test]
    fn content_words_drop_stop_words_and_numbers() {
        let words: Vec<String> =
            content_words("Which TWO gloves are tested to ASTM D6978? 2 pairs").collect();
        assert_eq!(words, ["glove", "tested", "astm", "d6978", "pair"]);
    }

    #[test]
    fn absolute_words_are_whole_words() {
        assert!(is_absolute("It must be sterile"));
        assert!(is_absolute("NEVER reuse"));
        assert!(!is_absolute("Mustard oil, allergens and nonetheless"));
    }
}

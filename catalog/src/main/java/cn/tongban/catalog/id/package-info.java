/**
 * Check-character validation of Chinese identifiers: unified social credit codes (GB 32100-2015), organisation
 * codes (GB 11714-1997) and resident identity numbers (GB 11643-1999). Pure Java, no dependencies.
 *
 * <p>Every checker trims and upper-cases its input and returns an {@link cn.tongban.catalog.id.IdentifierCheck};
 * null, blank or malformed input gives an invalid result, never an exception. The {@code checkCharacter}
 * primitives throw {@link IllegalArgumentException} on malformed input because they compute rather than judge.
 * Rules are those of docs/STANDARDS.md §3; they reproduce the standards' published examples, but the clause numbers of
 * the standards were not read, so comments name the standard without a clause.
 */
package cn.tongban.catalog.id;

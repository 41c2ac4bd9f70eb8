package org.e2v.domain;

/**
 * Something wrong in a corpus that did not stop it from loading: a missing or unreadable audio
 * file, an unknown label, a malformed line.
 *
 * @param file    the file concerned (path as text, relative to the corpus root where possible)
 * @param problem what is wrong, in plain words
 */
public record CorpusProblem(String file, String problem) {
    @Override
    public String toString() {
        return file + ": " + problem;
    }
}

package org.e2v.domain;

/**
 * A speaker and the group it belongs to for cross-validation (IEMOCAP: the dyad = the session,
 * whose two speakers are test and validation speaker of one fold).
 *
 * @param id   unique speaker id within the corpus ("Ses01F")
 * @param dyad group id (the session for IEMOCAP); equals {@code id} when a corpus has no groups
 */
public record Speaker(String id, String dyad) {
    public Speaker {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a speaker id must not be empty");
        }
        dyad = dyad == null || dyad.isBlank() ? id : dyad;
    }

    public static Speaker of(String id) {
        return new Speaker(id, id);
    }
}

package org.e2v.ui.corpus;

/** The kinds of corpus the Corpus screen can open, as offered in its "Open corpus" menu. */
public enum CorpusSource {
    MANIFEST("manifest", "Manifest CSV…", false),
    FOLDER("folder", "Folder of audio files…", true),
    IEMOCAP("iemocap", "IEMOCAP root folder…", true),
    MELD("meld", "MELD root folder…", true);

    private final String format;
    private final String menuText;
    private final boolean directory;

    CorpusSource(String format, String menuText, boolean directory) {
        this.format = format;
        this.menuText = menuText;
        this.directory = directory;
    }

    /** The loader id, as in {@link org.e2v.domain.Corpus#format()}. */
    public String format() {
        return format;
    }

    public String menuText() {
        return menuText;
    }

    /** Whether the user picks a folder (true) or a file (false). */
    public boolean directory() {
        return directory;
    }
}

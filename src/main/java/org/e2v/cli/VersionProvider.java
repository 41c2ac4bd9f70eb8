package org.e2v.cli;

import org.e2v.common.AppInfo;
import picocli.CommandLine.IVersionProvider;

/** Prints the e2v and Java versions for {@code e2v --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"e2v " + AppInfo.version(), "Java " + System.getProperty("java.version")};
    }
}

package dev.synapsebench.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The oldest Java the project runs on (from the parent pom), and Java version strings as numbers. */
public final class JavaVersions {

    /** The oldest Java feature version the bytecode and every backend run on, e.g. 21. */
    public static final int MINIMUM = readMinimum();

    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)");

    private JavaVersions() {
    }

    /** 25 for "25", 8 for "1.8", 0 when unparseable ({@code java.specification.version} values). */
    public static int feature(String specificationVersion) {
        String v = specificationVersion == null ? "" : specificationVersion.trim();
        if (v.startsWith("1.")) {
            v = v.substring(2);
        }
        Matcher m = LEADING_NUMBER.matcher(v);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static int readMinimum() {
        Properties p = new Properties();
        try (InputStream in = JavaVersions.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the synapse-core jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(p.getProperty("minimum.java").trim());
    }
}

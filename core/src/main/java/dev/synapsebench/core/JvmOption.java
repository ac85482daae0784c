package dev.synapsebench.core;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A JVM option a backend needs, as one token ({@code --add-modules=jdk.incubator.vector}), and the
 * first Java feature version that knows it: a JVM refuses to start with an option it does not know,
 * so an option needed only from some version on (say, a permission that JDK 24 began to warn about)
 * is passed only to JVMs of that version or newer.
 *
 * @param option    the option, one command-line token
 * @param sinceJava first Java feature version that gets it
 */
public record JvmOption(String option, int sinceJava) {

    public JvmOption {
        if (option.isBlank() || option.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a JVM option is one token without spaces (use --name=value), got '"
                    + option + "'");
        }
    }

    /** An option every supported JVM gets. */
    public static JvmOption always(String option) {
        return new JvmOption(option, JavaVersions.MINIMUM);
    }

    /** An option that JVMs of Java {@code feature} and newer get. */
    public static JvmOption since(int feature, String option) {
        return new JvmOption(option, feature);
    }

    public boolean appliesTo(int javaFeatureVersion) {
        return javaFeatureVersion >= sinceJava;
    }

    /**
     * The options among {@code declared} that a JVM of {@code javaFeatureVersion} gets, each once,
     * sorted (so the result does not depend on the order in which backends were found).
     */
    public static List<String> forJava(Collection<JvmOption> declared, int javaFeatureVersion) {
        TreeSet<String> options = new TreeSet<>();
        for (JvmOption o : declared) {
            if (o.appliesTo(javaFeatureVersion)) {
                options.add(o.option());
            }
        }
        return List.copyOf(options);
    }
}

package dev.synapsebench.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What every run of the CLI must end as, whatever it was given: exit status 0 with something on
 * stdout and nothing on stderr; or exit status 2 (bad input) with exactly one printable line on
 * stderr that starts with {@code synapse: }, no stack trace and no exception class names, and
 * nothing on stdout; or, for a run that trains, exit status 1 with the one line saying that
 * training diverged. Never an internal error.
 */
final class Outcome {

    /** A line longer than this is not a sentence any more (a cell or a path echoed whole). */
    static final int LONGEST_LINE = 1500;
    private static final Pattern EXCEPTION_NAME = Pattern.compile(
            "java\\.(lang|io|nio|util)\\.|\\b[A-Z]\\w*(Exception|Error)\\b|\\tat ");

    private Outcome() {
    }

    /** Runs the CLI with {@code args} and checks its outcome; returns it for further checks. */
    static CliRun run(List<String> args) {
        CliRun r = CliRun.of(args.toArray(String[]::new));
        check(args, r);
        return r;
    }

    static void check(List<String> args, CliRun r) {
        String what = "synapse " + Tries.escape(String.join(" ", args));
        switch (r.status()) {
            case 0 -> {
                require(!r.out().isEmpty(), what + ": exit status 0 but nothing on stdout");
                require(r.err().isEmpty(), what + ": exit status 0 but stderr: " + Tries.escape(r.err()));
            }
            case 2 -> {
                oneSentence(what, r);
                require(r.out().isEmpty(), what + ": exit status 2 but stdout: " + Tries.describe(r.out()));
            }
            case 1 -> {
                oneSentence(what, r);
                require(r.err().startsWith("synapse: training diverged"),
                        what + ": exit status 1 that is not a diverged training: " + Tries.escape(r.err()));
            }
            default -> require(false, what + ": exit status " + r.status() + "; stderr: " + Tries.escape(r.err()));
        }
    }

    /** Exit status 2 and its sentence contains {@code message}. */
    static CliRun refused(List<String> args, String message) {
        CliRun r = run(args);
        String what = "synapse " + Tries.escape(String.join(" ", args));
        require(r.status() == 2, what + ": expected exit status 2 (" + message + "), got " + r.status()
                + "; stderr: " + Tries.escape(r.err()) + " stdout: " + Tries.describe(r.out()));
        require(r.err().contains(message), what + ": expected '" + message + "' in: " + Tries.escape(r.err()));
        return r;
    }

    /** Exit status 0. */
    static CliRun accepted(List<String> args) {
        CliRun r = run(args);
        require(r.status() == 0, "synapse " + Tries.escape(String.join(" ", args)) + ": expected exit status 0, got "
                + r.status() + ": " + Tries.escape(r.err()));
        return r;
    }

    private static void oneSentence(String what, CliRun r) {
        String err = r.err();
        require(err.startsWith("synapse: "), what + ": stderr does not start with 'synapse: ': " + Tries.escape(err));
        require(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1,
                what + ": not exactly one line on stderr: " + Tries.describe(err));
        String line = err.substring(0, err.length() - 1);
        require(!line.contains("internal error"), what + ": " + Tries.escape(line));
        // what the CLI quotes back ('...': a cell, a name) may hold any word
        require(!EXCEPTION_NAME.matcher(line.replaceAll("'[^']*'", "''")).find(), what + ": an exception's name or stack trace: " + Tries.escape(line));
        int echoed = what.length(); // the arguments may be echoed
        require(line.length() <= LONGEST_LINE + echoed, what + ": a line of " + line.length() + " characters: "
                + Tries.describe(line));
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            require(c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0),
                    what + ": a control character on stderr: " + Tries.escape(line));
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}

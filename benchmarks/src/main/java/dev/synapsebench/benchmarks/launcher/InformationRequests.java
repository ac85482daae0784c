package dev.synapsebench.benchmarks.launcher;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.IOException;

/** JMH's {@code -h, -l, -lp, -lprof, -lrf}: answered like {@code org.openjdk.jmh.Main} does, without running anything. */
final class InformationRequests {

    private InformationRequests() {
    }

    /** Answers what {@code given} asks for; true when it asked for anything (the launcher then stops). */
    static boolean answer(CommandLineOptions given) throws CommandLineOptionException {
        if (given.shouldHelp()) {
            try {
                given.showHelp();
            } catch (IOException e) {
                throw new UsageException("cannot print JMH's help: " + e);
            }
            System.out.println();
            System.out.print(LaunchOptions.HELP);
            return true;
        }
        boolean answered = false;
        if (given.shouldList()) {
            new Runner(given).list();
            answered = true;
        }
        if (given.shouldListWithParams()) {
            new Runner(given).listWithParams(given);
            answered = true;
        }
        if (given.shouldListProfilers()) {
            given.listProfilers();
            answered = true;
        }
        if (given.shouldListResultFormats()) {
            given.listResultFormats();
            answered = true;
        }
        return answered;
    }
}

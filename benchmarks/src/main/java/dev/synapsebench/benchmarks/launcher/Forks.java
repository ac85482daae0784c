package dev.synapsebench.benchmarks.launcher;

import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The fork JVM and its arguments as JMH will assemble them: {@code -jvmArgsPrepend}, then
 * {@code -jvmArgs} (by JMH's rule, the launcher JVM's own arguments when not given), then
 * {@code -jvmArgsAppend} followed by the backends' options not already there, then the launcher's
 * {@code --jvm-args} (last, so that they win over anything before them).
 *
 * @param jvm    the fork JVM
 * @param append what goes into JMH's {@code -jvmArgsAppend}: the user's, then {@code added}, then {@code extra}
 * @param added  the backends' options the user had not given
 * @param extra  the launcher's {@code --jvm-args}, which the fork JVM has been seen to accept
 * @param args   every argument a fork gets, in order
 */
record Forks(ForkJvm jvm, List<String> append, List<String> added, List<String> extra, List<String> args) {

    /** @throws UsageException when the fork JVM does not start with {@code --jvm-args} */
    static Forks of(CommandLineOptions given, LaunchOptions launch) {
        ForkJvm jvm = ForkJvm.inspect(launch.jvm().orElse(given.getJvm().orElse(ForkJvm.currentExecutable())));
        List<String> extra = launch.jvmArgs();
        // asked now, in one sentence, rather than as a probe or a fork that fails to start
        jvm.refusal(extra).ifPresent(refusal -> {
            throw new UsageException("the fork JVM " + jvm.executable() + " does not start with --jvm-args="
                    + String.join(" ", extra) + ": " + refusal);
        });
        List<String> prepend = new ArrayList<>(given.getJvmArgsPrepend().orElse(List.of()));
        List<String> base = new ArrayList<>(given.getJvmArgs()
                .orElse(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        List<String> append = new ArrayList<>(given.getJvmArgsAppend().orElse(List.of()));
        List<String> added = new ArrayList<>();
        for (String flag : jvm.backendFlags()) {
            if (!prepend.contains(flag) && !base.contains(flag) && !append.contains(flag)) {
                added.add(flag);
            }
        }
        append.addAll(added);
        append.addAll(extra);
        List<String> args = new ArrayList<>(prepend);
        args.addAll(base);
        args.addAll(append);
        return new Forks(jvm, append, added, List.copyOf(extra), args);
    }
}

package br.com.podcartoes.localcluster.configrule;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Managed Flink 2.2's rule on programmatic configuration, enforced in the JobManager of run-application: "an
 * exception will be thrown if you try to modify a property not listed on this page in your application code".
 * Two hooks into Flink's own classes:
 * <ul>
 *   <li>every write to a Flink {@code Configuration} ({@code setValueInternal}, which every setter of it ends in)
 *       goes through {@link ProgramWrites}, which keeps the keys the program itself wrote;
 *   <li>every job submission of main ({@code StreamContextEnvironment.executeAsync(StreamGraph)}, the point where
 *       Flink runs its own {@code execution.program-config} check) goes through {@link SubmissionCheck}, which
 *       refuses the job when the program changed a key that is not on AWS's list.
 * </ul>
 * Argument: the list file (local-cluster/msf-programmatic-config.txt).
 */
public final class ConfigRuleAgent {
    private ConfigRuleAgent() {}

    public static void premain(String listFile, Instrumentation instrumentation) throws Exception {
        if (listFile == null || listFile.isBlank()) {
            throw new IllegalArgumentException("msf-config-rule: -javaagent:msf-config-rule.jar=<list file>");
        }
        SubmissionCheck.allowlist = Allowlist.read(Path.of(listFile));
        new AgentBuilder.Default()
                // Advice only adds code to existing methods (no new members); the two classes are loaded after
                // premain (Flink's entry point has not started yet), so they are transformed as they load.
                .disableClassFormatChanges()
                .with(AgentBuilder.Listener.StreamWriting.toSystemError().withErrorsOnly())
                .type(named("org.apache.flink.configuration.Configuration"))
                .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(RecordWrite.class)
                        .on(named("setValueInternal").and(takesArguments(3)))))
                .type(named("org.apache.flink.client.program.StreamContextEnvironment"))
                .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(CheckSubmission.class)
                        .on(named("executeAsync").and(takesArguments(1))
                                .and(takesArgument(0, named("org.apache.flink.streaming.api.graph.StreamGraph"))))))
                .installOn(instrumentation);
    }

    // The advice code is copied into Flink's classes, which then call ProgramWrites and SubmissionCheck from
    // another package: those two, and the methods called, are public.

    /** Inlined at the start of {@code Configuration.setValueInternal(String key, T value, boolean)}. */
    static final class RecordWrite {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String key) {
            ProgramWrites.record(key);
        }
    }

    /** Inlined at the start of {@code StreamContextEnvironment.executeAsync(StreamGraph)}: before Flink's checks. */
    static final class CheckSubmission {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object environment, @Advice.Argument(0) Object streamGraph) {
            SubmissionCheck.check(environment, streamGraph);
        }
    }
}

#!/usr/bin/env bash
# Performance benchmark of the monthly run (docs/performance.md): sample data for N clients x 13 months,
# 12 months of history loaded with `run --month` (cached), then `run --month 2024-01` timed stage by stage,
# the same work done by a DuckDB reference (bench/src/BenchTool.java), and both books compared.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/run.sh --clients N [options]

  --clients N            clients in the sample data (13 months: 2023-01..2024-01)
  --parallelism LIST     Flink parallelism of the timed run: 0 (not set: the MiniCluster uses every core),
                         1, 2, or a list such as 1,2 (one timed run, reference and comparison per value).
                         Default 0. The history months always run with the default.
  --jvm-opts "FLAGS"     JVM flags of the pipeline's JVMs (default: "-Xmx3g -XX:+UseG1GC")
  --duckdb-threads T     DuckDB threads (default: the parallelism, or every core for 0)
  --duckdb-memory M      DuckDB memory_limit (default: 4GB, more than the pipeline's heap)
  --seed S               sample-data seed (default 42)
  --dirty F              sample-data --dirty fraction (planted bad/duplicate rows; default 0)
  --split-payments F     sample-data --split-payments fraction (default 0)
  --history-months K     months of history before 2024-01 (default 12, the book's full window; fewer only for
                         quick checks of the harness, e.g. --dirty runs)
  --jstack-every S       also take a jstack of the pipeline's JVM every S seconds (perturbs the timing a little)
  --regenerate           generate the data again even if it is cached
  --reload-history       load the 12 history months again even if the lake is cached
  --jar PATH             the pipeline's jar (default: flink-app/target/pod-cartoes-lake-all.jar)
  --history-jar PATH     load the history months with this jar instead (default: --jar). Only for jars that write
                         the same lake (e.g. a change of execution, not of tables); the summary records both jars
  --nice N               niceness of every heavy process (default 10)
  --run-opts "OPTIONS"   extra options of the timed run only, e.g. "--split-size 1073741824" (A/B of an option;
                         the summary's command line records them)

Working data goes to bench/work/ (git-ignored), logs to bench/results/*.log (git-ignored) and the summary of each
timed run to bench/results/<UTC time>-n<N>-p<P>.md.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
WORK=$BENCH/work
RESULTS=$BENCH/results
COMMAND="bench/run.sh $*"

CLIENTS=""
PARALLELISM="0"
JVM_OPTS="-Xmx3g -XX:+UseG1GC"
DUCKDB_THREADS=""
DUCKDB_MEMORY="4GB"
SEED=42
DIRTY=0
SPLIT=0
JSTACK_EVERY=0
RUN_OPTS=""
REGENERATE=0
RELOAD=0
JAR=$ROOT/flink-app/target/pod-cartoes-lake-all.jar
HISTORY_JAR=""
NICE=10
HISTORY_MONTHS=12
MONTH=2024-01

while [ $# -gt 0 ]; do
    case "$1" in
        --clients) CLIENTS=$2; shift 2 ;;
        --parallelism) PARALLELISM=$2; shift 2 ;;
        --jvm-opts) JVM_OPTS=$2; shift 2 ;;
        --duckdb-threads) DUCKDB_THREADS=$2; shift 2 ;;
        --duckdb-memory) DUCKDB_MEMORY=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --dirty) DIRTY=$2; shift 2 ;;
        --split-payments) SPLIT=$2; shift 2 ;;
        --history-months) HISTORY_MONTHS=$2; shift 2 ;;
        --jstack-every) JSTACK_EVERY=$2; shift 2 ;;
        --regenerate) REGENERATE=1; shift ;;
        --reload-history) RELOAD=1; shift ;;
        --jar) JAR=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
        --run-opts) RUN_OPTS=$2; shift 2 ;;
        --history-jar) HISTORY_JAR=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
        --nice) NICE=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "erro: opção desconhecida $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$CLIENTS" =~ ^[1-9][0-9]*$ ]] || { echo "erro: --clients N é obrigatório (N >= 1)" >&2; exit 2; }
[[ "$PARALLELISM" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "erro: --parallelism: 0, 1, 2 ou uma lista como 1,2" >&2; exit 2; }
[[ "$HISTORY_MONTHS" =~ ^([1-9]|1[0-2])$ ]] || { echo "erro: --history-months entre 1 e 12" >&2; exit 2; }
IFS=, read -r -a PARALLELISMS <<< "$PARALLELISM"
HISTORY_FROM=$(date -d "$MONTH-01 -$HISTORY_MONTHS month" +%Y-%m)
TOTAL_MONTHS=$((HISTORY_MONTHS + 1))

T0=$(date +%s.%N)
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
say() { printf '[%s +%7ss] %s\n' "$(date +%H:%M:%S)" "$(secs "$T0" "$(now)")" "$*"; }
die() { echo "FALHA: $*" >&2; exit 1; }

mkdir -p "$WORK" "$RESULTS"
exec 9>"$WORK/.lock"
flock -n 9 || die "outro bench/run.sh está rodando (bench/work/.lock): um benchmark por vez"
command -v java >/dev/null || die "java não encontrado (Java 17)"
[ -x /usr/bin/time ] || die "/usr/bin/time não encontrado (apt-get install time)"
[ -f "$JAR" ] || die "jar ausente: $JAR (construa com: mvn -B -o -q package -DskipTests -pl flink-app)"

DUCKDB_VERSION=$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' "$ROOT/pom.xml" | head -1)
DUCKDB_JAR=$HOME/.m2/repository/org/duckdb/duckdb_jdbc/$DUCKDB_VERSION/duckdb_jdbc-$DUCKDB_VERSION.jar
if [ ! -f "$DUCKDB_JAR" ]; then
    say "baixando org.duckdb:duckdb_jdbc:$DUCKDB_VERSION para ~/.m2"
    mvn -B -q dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$DUCKDB_VERSION" >/dev/null || die "não consegui obter $DUCKDB_JAR"
fi

NPROC=$(nproc)
MACHINE="$NPROC CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM (free -g), $(uname -sr), $(java -version 2>&1 | head -1)"
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
if [ -n "$(git -C "$ROOT" --no-optional-locks status --porcelain -- flink-app pom.xml 2>/dev/null)" ]; then
    COMMIT="$COMMIT+mudanças locais"
fi

# Jars are copied (by content hash) so a rebuild during the benchmark cannot change them under a running JVM.
# snapshot JAR prints the copy's path, pod-cartoes-lake-<sha256 prefix>.jar; sha_of COPY gives that prefix back.
snapshot() {
    local sha=$(sha256sum "$1" | cut -c1-12)
    local snap=$WORK/jars/pod-cartoes-lake-$sha.jar
    if [ ! -f "$snap" ]; then
        mkdir -p "$WORK/jars"
        cp "$1" "$snap.tmp" && mv "$snap.tmp" "$snap"
    fi
    echo "$snap"
}
sha_of() {
    local s=${1##*-}
    echo "${s%.jar}"
}
SNAP=$(snapshot "$JAR")
JAR_SHA=$(sha_of "$SNAP")
HISTORY_JAR=${HISTORY_JAR:-$JAR}
HISTORY_SNAP=$(snapshot "$HISTORY_JAR")
HISTORY_JAR_SHA=$(sha_of "$HISTORY_SNAP")
for j in "$WORK"/jars/pod-cartoes-lake-*.jar; do  # keep only the copies in use or that a cached lake was loaded with
    s=$(sha_of "$j")
    [ "$s" = "$JAR_SHA" ] || [ "$s" = "$HISTORY_JAR_SHA" ] || compgen -G "$WORK/lakes/*-jar$s" >/dev/null || rm -f "$j"
done

# The bench tool (reference + comparison) is compiled once per version of its source. It lists the lake's Iceberg
# tables with the Iceberg, Hadoop and sqlite-jdbc libraries inside the pipeline's jar (none of the pipeline's code).
SRC_SHA=$(sha256sum "$BENCH/src/BenchTool.java" | cut -c1-12)
CLASSES=$WORK/classes/$SRC_SHA
TOOL_CP="$DUCKDB_JAR:$SNAP"
if [ ! -f "$CLASSES/BenchTool.class" ]; then
    rm -rf "$WORK/classes"
    mkdir -p "$CLASSES"
    javac -d "$CLASSES" -cp "$TOOL_CP" "$BENCH/src/BenchTool.java"
fi

rm -rf "$WORK/tmp"
mkdir -p "$WORK/tmp"
JAVA_PIPELINE=(nice -n "$NICE" java $JVM_OPTS -Djava.io.tmpdir="$WORK/tmp")
JAVA_TOOL=(java -Xmx1g -cp "$CLASSES:$TOOL_CP" BenchTool)

echo "== bench/run.sh — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "máquina:   $MACHINE; load average agora: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "comando:   $COMMAND"
echo "código:    commit $COMMIT; jar $JAR (sha256 $JAR_SHA, cópia em ${SNAP#$ROOT/})"
[ "$HISTORY_JAR_SHA" = "$JAR_SHA" ] || echo "histórico: carregado com outro jar, $HISTORY_JAR (sha256 $HISTORY_JAR_SHA)"
echo "-- configuração (o único lugar onde ela é definida para o benchmark) --"
echo "JVM do pipeline (java ... -jar, também nos meses de histórico): $JVM_OPTS -Djava.io.tmpdir=${WORK#$ROOT/}/tmp"
echo "   + na execução medida: -Xlog:gc*:file=bench/results/<tag>.gc.log; tudo sob nice -n $NICE e /usr/bin/time -v"
echo "Flink: paralelismo da execução medida: ${PARALLELISM} (0 = não definido: o MiniCluster usa os $NPROC núcleos)."
echo "   O job define o resto ele mesmo em flink-app/.../pipeline/FlinkSession.java (-Dpod.flink.<opção>=<valor> em --jvm-opts sobrepõe):"
sed -n 's/^ *\(conf\.set(.*\|env\.setRuntimeMode(.*\|env\.setParallelism(.*\|tEnv\.getConfig()\.set(.*\|"table\..*\)$/     \1/p' \
    "$ROOT/flink-app/src/main/java/br/com/podcartoes/lake/engine/FlinkSession.java" || true
echo "   Nenhuma opção de sort/spill é definida: valem os padrões do Flink 2.2."
echo "Referência DuckDB $DUCKDB_VERSION (JDBC): threads=<paralelismo ou $NPROC>${DUCKDB_THREADS:+ (fixado em $DUCKDB_THREADS)}, memory_limit=$DUCKDB_MEMORY, JVM -Xmx1g;"
echo "   lê o curated do pipeline pelos arquivos do snapshot atual de cada tabela Iceberg (API Java do Iceberg do jar)"
echo "----"

# -- 1. sample data (cached by size, seed, options and the generator's classes) ------------------------------
GEN_SHA=$(unzip -p "$SNAP" 'br/com/podcartoes/lake/sample/*' | sha256sum | cut -c1-12)
DATA_KEY="n$CLIENTS-from$HISTORY_FROM-seed$SEED-dirty$DIRTY-split$SPLIT-gen$GEN_SHA"
DATA=$WORK/data/$DATA_KEY
CLIENT_MONTHS=$((CLIENTS * TOTAL_MONTHS))
if [ "$REGENERATE" = 1 ] || [ ! -f "$DATA/.complete" ]; then
    rm -rf "$DATA"
    say "geração: $CLIENTS clientes x $TOTAL_MONTHS meses ($HISTORY_FROM..$MONTH) em ${DATA#$ROOT/}"
    t=$(now)
    nice -n "$NICE" java $JVM_OPTS -jar "$SNAP" sample-data --clients "$CLIENTS" --from "$HISTORY_FROM" --to "$MONTH" \
        --out "$DATA" --seed "$SEED" --dirty "$DIRTY" --split-payments "$SPLIT" > "$RESULTS/$DATA_KEY-sample-data.log" 2>&1 \
        || { tail -20 "$RESULTS/$DATA_KEY-sample-data.log"; die "sample-data falhou"; }
    gen=$(secs "$t" "$(now)")
    echo "$gen" > "$DATA/.complete"
    say "geração: $gen s ($(du -sh "$DATA" | cut -f1)); $(awk -v s="$gen" -v cm="$CLIENT_MONTHS" 'BEGIN { printf "%.1f s por milhão de clientes-mês", s / cm * 1e6 }')"
else
    gen=$(cat "$DATA/.complete")
    say "geração: reaproveitando ${DATA#$ROOT/} (gerada em $gen s; $(awk -v s="$gen" -v cm="$CLIENT_MONTHS" 'BEGIN { printf "%.1f s por milhão de clientes-mês", s / cm * 1e6 }'))"
fi

# -- 2. history: run --month for the months before, in order (cached by data and jar) -----------------------
# Iceberg's metadata and the catalog (_catalog/iceberg.db) record absolute paths, so every run of the pipeline,
# history months and timed runs alike, sees its lake at one path, $LAKE: a symlink to the lake in use. The timed
# run's copy is then written through it, and the cached history lake stays as it was.
LAKE=$WORK/lake
use_lake() {
    mkdir -p "$1"
    ln -sfn "$1" "$LAKE"
}
HIST=$WORK/lakes/$DATA_KEY-jar$HISTORY_JAR_SHA
for other in "$WORK"/lakes/"$DATA_KEY"-jar*; do
    if [ -d "$other" ] && [ "$other" != "$HIST" ]; then
        say "histórico: removendo o lake de outro jar ${other#$ROOT/}"
        rm -rf "$other"
    fi
done
[ "$RELOAD" = 1 ] && rm -rf "$HIST"
if [ -d "$HIST" ] && [ "$(cat "$HIST/.lake-path" 2>/dev/null)" != "$LAKE" ]; then
    say "histórico: ${HIST#$ROOT/} foi carregado por outro caminho (seus metadados Iceberg apontam para lá): recarregando"
    rm -rf "$HIST"
fi
mkdir -p "$HIST"
echo "$LAKE" > "$HIST/.lake-path"
use_lake "$HIST/lake"
HISTORY_LOG=$RESULTS/$DATA_KEY-history.log
k=0
m=$HISTORY_FROM
while [ "$m" != "$MONTH" ]; do
    k=$((k + 1))
    if [ -f "$HIST/.done-$m" ]; then
        say "histórico: mês $k de $HISTORY_MONTHS ($m) já carregado ($(cat "$HIST/.done-$m") s)"
    else
        say "histórico: mês $k de $HISTORY_MONTHS ($m) ..."
        t=$(now)
        echo "== run --month $m" >> "$HISTORY_LOG"
        "${JAVA_PIPELINE[@]}" -jar "$HISTORY_SNAP" run --month "$m" --landing "$DATA" --lake "$LAKE" --detect-attempts 1 \
            --run-id "hist-$m" >> "$HISTORY_LOG" 2>&1 || { tail -20 "$HISTORY_LOG"; die "histórico: run --month $m falhou"; }
        took=$(secs "$t" "$(now)")
        echo "$took" > "$HIST/.done-$m"
        stages=$(grep -E "^\S+ INFO  \[$m\] (job|curated|book) +[0-9.]+ s" "$HISTORY_LOG" | tail -3 | awk '{ printf "%s%s %s s", sep, $4, $5; sep=", " }')
        say "histórico: mês $k de $HISTORY_MONTHS ($m) em $took s ($stages)"
    fi
    m=$(date -d "$m-01 +1 month" +%Y-%m)
done

# -- 3. per parallelism: the timed monthly run, the DuckDB reference, the comparison --------------------------
sample_stacks() {  # parent pid (/usr/bin/time), output file, interval
    local jpid="" i
    for i in $(seq 100); do
        jpid=$(pgrep -P "$1" java || true)
        [ -n "$jpid" ] && break
        sleep 0.1
    done
    [ -n "$jpid" ] || return 0
    while kill -0 "$jpid" 2>/dev/null; do
        sleep "$3"
        { echo "=== $(date +%H:%M:%S.%N)"; jstack "$jpid" 2>/dev/null || true; } >> "$2"
    done
}

status=0
for P in "${PARALLELISMS[@]}"; do
    TAG=$(date -u +%Y%m%dT%H%M%SZ)-n$CLIENTS-p$P
    RUN=$WORK/runs/n$CLIENTS-p$P
    THREADS=${DUCKDB_THREADS:-$([ "$P" = 0 ] && echo "$NPROC" || echo "$P")}
    rm -rf "$RUN"
    mkdir -p "$RUN"
    # Hard links: the pipeline never rewrites a file in place, so the cached history lake stays untouched; except
    # the catalog, which SQLite updates in place: a real copy.
    cp -al "$HIST/lake" "$RUN/lake" 2>/dev/null || cp -a "$HIST/lake" "$RUN/lake"
    if [ -d "$HIST/lake/_catalog" ]; then  # absent in a lake of a jar from before the Iceberg tables
        rm -rf "$RUN/lake/_catalog"
        cp -a "$HIST/lake/_catalog" "$RUN/lake/_catalog"
    fi
    use_lake "$RUN/lake"
    PAR_OPT=()
    [ "$P" != 0 ] && PAR_OPT=(--parallelism "$P")
    LOAD=$(cut -d' ' -f1 /proc/loadavg)
    say "execução mensal: run --month $MONTH, paralelismo $P (load average $LOAD) ..."
    t=$(now)
    nice -n "$NICE" /usr/bin/time -v -o "$RESULTS/$TAG.pipeline.time.log" \
        java $JVM_OPTS -Xlog:gc*:file="$RESULTS/$TAG.gc.log" -Djava.io.tmpdir="$WORK/tmp" -jar "$SNAP" \
        run --month "$MONTH" --landing "$DATA" --lake "$LAKE" --detect-attempts 1 --run-id "bench-$TAG" "${PAR_OPT[@]}" $RUN_OPTS \
        > "$RESULTS/$TAG.pipeline.log" 2>&1 &
    tpid=$!
    if [ "$JSTACK_EVERY" != 0 ]; then
        sample_stacks "$tpid" "$RESULTS/$TAG.jstack.log" "$JSTACK_EVERY" &
    fi
    rc=0
    wait "$tpid" || rc=$?
    wait  # the stack sampler, if any
    grep -E "^\S+ INFO  \[$MONTH\] \S+ +[0-9.]+ s" "$RESULTS/$TAG.pipeline.log" | sed 's/^/    /' || true
    [ "$rc" = 0 ] || { tail -20 "$RESULTS/$TAG.pipeline.log"; die "run --month $MONTH falhou (log: ${RESULTS#$ROOT/}/$TAG.pipeline.log)"; }
    REPORT=$RUN/lake/_runs/$MONTH/bench-$TAG.json
    [ -f "$REPORT" ] || die "relatório não encontrado: $REPORT"
    say "execução mensal: $(secs "$t" "$(now)") s de parede (relatório ${REPORT#$ROOT/})"

    say "referência DuckDB: mesmo mês, threads=$THREADS, memory_limit=$DUCKDB_MEMORY ..."
    t=$(now)
    set +e
    nice -n "$NICE" /usr/bin/time -v -o "$RESULTS/$TAG.reference.time.log" "${JAVA_TOOL[@]}" reference \
        --landing "$DATA" --lake "$LAKE" --month "$MONTH" --out "$RUN/ref" --threads "$THREADS" --memory "$DUCKDB_MEMORY" \
        2>&1 | tee "$RESULTS/$TAG.reference.log"
    rrc=${PIPESTATUS[0]}
    set -e
    [ "$rrc" = 0 ] || die "referência DuckDB falhou (log: ${RESULTS#$ROOT/}/$TAG.reference.log)"
    say "referência DuckDB: $(secs "$t" "$(now)") s de parede"

    say "comparação: book (34 colunas), contagens e linhas do curated de $MONTH ..."
    set +e
    nice -n "$NICE" "${JAVA_TOOL[@]}" compare --month "$MONTH" --lake "$LAKE" --ref "$RUN/ref" --report "$REPORT" \
        --threads "$THREADS" --pipeline-time "$RESULTS/$TAG.pipeline.time.log" \
        --reference-time "$RESULTS/$TAG.reference.time.log" --gc-log "$RESULTS/$TAG.gc.log" \
        --clients "$CLIENTS" --parallelism "$P" --date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --machine "$MACHINE" \
        --command "$COMMAND" --jar "sha256 $JAR_SHA$([ "$HISTORY_JAR_SHA" = "$JAR_SHA" ] || echo " (histórico: jar $HISTORY_JAR_SHA)")" --commit "$COMMIT" --jvm-opts "$JVM_OPTS" \
        --duckdb-version "$DUCKDB_VERSION" --memory "$DUCKDB_MEMORY" --load-before "$LOAD" \
        --history-months "$HISTORY_MONTHS" --data "$DATA_KEY" --jstack-every "$JSTACK_EVERY" \
        --summary-out "$RESULTS/$TAG.md" 2>&1 | tee "$RESULTS/$TAG.compare.log"
    crc=${PIPESTATUS[0]}
    set -e
    if [ "$crc" = 0 ]; then
        say "comparação: book e contagens iguais; resumo em ${RESULTS#$ROOT/}/$TAG.md"
    else
        say "comparação: DIFERENÇAS (código $crc); resumo em ${RESULTS#$ROOT/}/$TAG.md"
        status=3
    fi
done
say "fim"
exit $status

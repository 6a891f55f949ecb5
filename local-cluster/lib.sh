# shellcheck shell=bash disable=SC2034
# Shared by start, stop, status, submit and s3 (sourced, not run). Reads cluster.conf, then the file named by
# LOCAL_CLUSTER_CONF (if any), and defines paths and small helpers.
set -euo pipefail

LC_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$LC_HOME")
# shellcheck source=cluster.conf
. "$LC_HOME/cluster.conf"
if [ -n "${LOCAL_CLUSTER_CONF:-}" ]; then
    # shellcheck disable=SC1090
    . "$LOCAL_CLUSTER_CONF"
fi

abs_path() { case "$1" in /*) echo "$1" ;; *) echo "$2/$1" ;; esac; }
RUN_DIR=$(abs_path "$RUN_DIR" "$LC_HOME")
LOG_DIR=$(abs_path "$LOG_DIR" "$LC_HOME")
APP_JAR=$(abs_path "$APP_JAR" "$REPO")
APP_RUN_DIR=$(abs_path "$APP_RUN_DIR" "$LC_HOME")
S3_CATALOG_DIR=$RUN_DIR/s3-catalog
DIST_DIR="$LC_HOME/dist"
CONF_DIR="$RUN_DIR/conf"
PID_DIR="$RUN_DIR/pids"
S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
REST_URL="http://127.0.0.1:$REST_PORT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# Every process started here carries this exact argument: stop and status only touch a pid whose command line
# has it, so a recycled pid (or another engineer's cluster with another RUN_DIR) is never signalled.
MARKER="-Dlocal-cluster.run-dir=$RUN_DIR"
# The module opens Flink's own scripts pass on Java 17 (env.java.default-opts.all of Flink's config.yaml).
JVM_OPENS=(-XX:+IgnoreUnrecognizedVMOptions
    --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
    --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED)

die() { echo "local-cluster: $*" >&2; exit 1; }
log() { echo "$(date +%H:%M:%S) $*"; }

# The pid of a process started by this cluster (pid file present, process alive and carrying MARKER), or nothing.
pid_of() {
    local file="$PID_DIR/$1.pid" pid
    [ -f "$file" ] || return 0
    local args
    pid=$(cat "$file")
    # (not a pipe into grep -q: under pipefail, tr's SIGPIPE on a long command line would read as "no match")
    args=$(tr '\0' '\n' 2> /dev/null < "/proc/$pid/cmdline") || return 0
    if grep -qxF -- "$MARKER" <<<"$args"; then
        echo "$pid"
    fi
}

# Names of the processes this cluster starts, in start order.
process_names() {
    echo s3proxy jobmanager
    local i
    for ((i = 1; i <= TASKMANAGERS; i++)); do echo "taskmanager-$i"; done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every half second until it succeeds; gives up at
# once when it returns $GONE (the process it waits for has exited).
GONE=99
wait_until() {
    local timeout=$1 what=$2 deadline rc
    shift 2
    deadline=$((SECONDS + timeout))
    while :; do
        rc=0
        "$@" || rc=$?
        [ $rc -ne 0 ] || return 0
        if [ $rc -eq $GONE ]; then
            echo "local-cluster: gave up waiting for $what: the process exited" >&2
            return 1
        fi
        if [ $SECONDS -ge $deadline ]; then
            echo "local-cluster: timed out after ${timeout}s waiting for $what" >&2
            return 1
        fi
        sleep 0.5
    done
}

rest_get() { curl -fsS --max-time 5 "$REST_URL$1"; }

# A JSON number field of a flat object, e.g. json_field taskmanagers "$(rest_get /overview)".
json_field() { sed -n "s/.*\"$1\":\\([0-9][0-9]*\\).*/\\1/p" <<<"$2"; }

# ---- S3 through curl (SigV4-signed with the local credentials; S3Proxy needs x-amz-content-sha256 on every request)

EMPTY_SHA256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855

# The helpers below return through REPLY instead of printing: a command substitution forks, once per key.

# url_encode STRING [SAFE]: REPLY = STRING percent-encoded, except unreserved characters and those in SAFE.
url_encode() {
    local LC_ALL=C s=$1 safe=${2:-} c i
    REPLY=''
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        if [[ $c == [A-Za-z0-9._~-] || (-n $safe && $safe == *"$c"*) ]]; then
            REPLY+=$c
        else
            printf -v c '%%%02X' "'$c"
            REPLY+=$c
        fi
    done
}

curl_quote() { REPLY=${1//\\/\\\\}; REPLY=\"${REPLY//\"/\\\"}\"; } # a string for a curl config file

# s3_get PATH_AND_QUERY: GET on the endpoint (bucket listings); prints the body, fails on an HTTP error.
s3_get() {
    curl -fsS --max-time 60 --aws-sigv4 "aws:amz:us-east-1:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" \
        -H "x-amz-content-sha256: $EMPTY_SHA256" "$S3_ENDPOINT/$1"
}

# s3_batch METHOD BUCKET: one curl process for all the requests read from stdin, one a line,
# "KEY<TAB>FILE<TAB>SHA256": GET writes the object to FILE; PUT uploads FILE, whose SHA-256 is given
# (S3Proxy wants x-amz-content-sha256 on every request); DELETE needs the key only. Prints how many.
s3_batch() {
    local method=$1 bucket=$2 key file sha user n=0 config=''
    curl_quote "$S3_ACCESS_KEY:$S3_SECRET_KEY"
    user=$REPLY
    while IFS=$'\t' read -r key file sha; do
        [ -n "$key" ] || continue
        url_encode "$key" /
        [ $n -eq 0 ] || config+=$'next\n'
        config+=$'silent\nshow-error\nfail\naws-sigv4 = "aws:amz:us-east-1:s3"\n'"user = $user"$'\n'
        config+="request = $method"$'\n'"url = \"$S3_ENDPOINT/$bucket/$REPLY\""$'\n'
        config+="header = \"x-amz-content-sha256: ${sha:-$EMPTY_SHA256}\""$'\n'
        curl_quote "$file"
        case $method in
            GET) config+=$'create-dirs\n'"output = $REPLY"$'\n' ;;
            PUT) config+="upload-file = $REPLY"$'\n'$'output = /dev/null\n' ;;
            *) config+=$'output = /dev/null\n' ;;
        esac
        n=$((n + 1))
    done
    [ $n -eq 0 ] || curl --fail-early -K - <<<"$config" || return 1
    echo "$n"
}

s3_make_bucket() { # BUCKET (an existing bucket of ours is fine)
    local code
    code=$(curl -sS --max-time 30 --aws-sigv4 "aws:amz:us-east-1:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" \
        -H "x-amz-content-sha256: $EMPTY_SHA256" -X PUT -o /dev/null -w '%{http_code}' "$S3_ENDPOINT/$1")
    [ "$code" = 200 ] || [ "$code" = 409 ] || { echo "local-cluster: creating bucket $1 answered HTTP $code" >&2; return 1; }
}

# s3_keys BUCKET PREFIX: every key under PREFIX, one a line (ListObjectsV2, all pages). The query is signed as
# curl sends it, so its parameters go sorted and fully encoded, as SigV4's canonical form wants them.
s3_keys() {
    local bucket=$1 prefix=$2 token='' body query
    while :; do
        query=""
        if [ -n "$token" ]; then url_encode "$token"; query+="continuation-token=$REPLY&"; fi
        url_encode "$prefix"
        query+="list-type=2&prefix=$REPLY"
        body=$(s3_get "$bucket?$query")
        grep -o '<Key>[^<]*</Key>' <<<"$body" | sed -e 's/<Key>//' -e 's/<\/Key>//' -e 's/&amp;/\&/g' || true
        grep -q '<IsTruncated>true</IsTruncated>' <<<"$body" || break
        token=$(sed -n 's/.*<NextContinuationToken>\([^<]*\)<\/NextContinuationToken>.*/\1/p' <<<"$body")
        [ -n "$token" ] || break
    done
}

s3_buckets() {
    s3_get "" | grep -o '<Name>[^<]*</Name>' | sed -e 's/<Name>//' -e 's/<\/Name>//' || true
}

# split_s3_uri s3://bucket/key -> sets S3_BUCKET and S3_KEY
split_s3_uri() {
    case "$1" in
        s3://*) ;;
        *) die "not an s3:// URI: $1" ;;
    esac
    local rest=${1#s3://}
    S3_BUCKET=${rest%%/*}
    if [ "$rest" = "$S3_BUCKET" ]; then S3_KEY=''; else S3_KEY=${rest#*/}; fi
}

# ---- shared by start and run-application: the distribution, processes, S3Proxy

# dist/ (lib/, plugins/, s3proxy/, msf-config-rule/) assembled from Maven Central by pom.xml, once per
# flink.version and DIST_REVISION (raise it when pom.xml changes what dist/ holds: 2 added flink-container for
# run-application, 3 the msf-config-rule agent).
DIST_REVISION=3
# run-application's check of Managed Flink's rule on programmatic configuration: a Java agent built from
# msf-config-rule/ (rebuilt when its sources change) and AWS's list of the keys a program may change.
RULE_AGENT="$DIST_DIR/msf-config-rule/msf-config-rule.jar"
RULE_LIST="$LC_HOME/msf-programmatic-config.txt"
ensure_dist() {
    local java_major flink_version stamp
    java_major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [ -n "$java_major" ] || die "no java found (set JAVA_HOME to a Java 17)"
    [ "$java_major" = 17 ] || echo "local-cluster: warning: Java $java_major; Flink 2.2 is run here (and on Managed Flink) on Java 17" >&2
    flink_version=$(sed -n 's:.*<flink.version>\(.*\)</flink.version>.*:\1:p' "$REPO/pom.xml" | head -1)
    stamp="$DIST_DIR/.assembled-flink-$flink_version-r$DIST_REVISION"
    if [ ! -f "$stamp" ]; then
        log "assembling $DIST_DIR (Flink $flink_version lib/, S3 plugin, S3Proxy) with Maven"
        rm -rf "$DIST_DIR"
        mvn -B -q -f "$LC_HOME/pom.xml" package || die "mvn -f local-cluster/pom.xml package failed"
        touch "$stamp"
    fi
    if [ ! -f "$RULE_AGENT" ] || [ -n "$(find "$LC_HOME/msf-config-rule/pom.xml" "$LC_HOME/msf-config-rule/src" -newer "$RULE_AGENT" -print -quit)" ]; then
        log "building the msf-config-rule agent with Maven"
        mvn -B -q -f "$LC_HOME/msf-config-rule/pom.xml" package || die "mvn -f local-cluster/msf-config-rule/pom.xml package failed"
    fi
    FLINK_CP=$(find "$DIST_DIR/lib" -name '*.jar' | sort | paste -sd:)
}

# launch NAME LOGFILE JAVA_ARGS...: a background JVM with stdout/stderr in LOGFILE, its pid in PID_DIR/NAME.pid.
# (Started from a script, it ignores SIGINT: a Ctrl-C reaches the script, whose trap stops it in order.)
launch() {
    local name=$1 out=$2
    shift 2
    nohup "$JAVA" "$MARKER" "$@" > "$out" 2>&1 < /dev/null 9>&- &
    local pid=$! tries=0
    echo "$pid" > "$PID_DIR/$name.pid"
    # Until the forked shell has exec'd, /proc/PID/cmdline is this script's and pid_of would call it gone.
    while [ -z "$(pid_of "$name")" ] && kill -0 "$pid" 2> /dev/null && [ $tries -lt 100 ]; do
        sleep 0.05
        tries=$((tries + 1))
    done
}

# Memory flags as Flink's jobmanager.sh/taskmanager.sh compute them from CONF_DIR/config.yaml: line 1 JVM
# options, line 2 -D options. Needs FLINK_CP (ensure_dist).
resource_params() {
    local out
    out=$("$JAVA" -cp "$FLINK_CP" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF_DIR" 2>&1) \
        || { echo "$out" >&2; die "BashJavaUtils $1 failed"; }
    grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

# stop_process NAME: SIGTERM to the process of PID_DIR/NAME.pid (if it is ours), SIGKILL after STOP_TIMEOUT s.
stop_process() {
    local name=$1 pid deadline
    pid=$(pid_of "$name")
    if [ -z "$pid" ]; then
        rm -f "$PID_DIR/$name.pid"
        return 0
    fi
    kill -TERM "$pid" 2> /dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2> /dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.3; done
    if kill -0 "$pid" 2> /dev/null; then
        log "$name (pid $pid) did not exit in ${STOP_TIMEOUT}s: SIGKILL"
        kill -KILL "$pid" 2> /dev/null || true
        while kill -0 "$pid" 2> /dev/null; do sleep 0.2; done
    fi
    rm -f "$PID_DIR/$name.pid"
    log "stopped $name (pid $pid)"
}

# Every live process whose command line has MARKER as one argument (what launch started, even one whose pid
# file was never written because a signal came in between), this scan's own grep left out.
marker_pids() {
    local file pid
    for file in $(grep -l -a -z -x -F -- "$MARKER" /proc/[0-9]*/cmdline 2> /dev/null); do
        pid=${file#/proc/}
        pid=${pid%/cmdline}
        [ "$(cat "/proc/$pid/comm" 2> /dev/null)" != grep ] || continue
        echo "$pid"
    done
}

# stop_strays: SIGTERM to marker_pids, SIGKILL after STOP_TIMEOUT s.
stop_strays() {
    local pids pid deadline
    pids=$(marker_pids)
    [ -n "$pids" ] || return 0
    log "stopping processes of $MARKER without a pid file: $(echo $pids)"
    # shellcheck disable=SC2086
    kill -TERM $pids 2> /dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT))
    while [ -n "$(marker_pids)" ] && [ $SECONDS -lt $deadline ]; do sleep 0.3; done
    pids=$(marker_pids)
    # shellcheck disable=SC2086
    [ -z "$pids" ] || kill -KILL $pids 2> /dev/null || true
}

# start_s3proxy LOGFILE: S3Proxy (transient store) on S3_PORT with the credentials of cluster.conf, its files in
# CONF_DIR, its pid in PID_DIR/s3proxy.pid; waits for the port, creates S3_BUCKETS. Returns 1 on failure.
start_s3proxy() {
    local logfile=$1 bucket
    cat > "$CONF_DIR/s3proxy.properties" <<EOT
s3proxy.endpoint=$S3_ENDPOINT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=transient
jclouds.identity=local
jclouds.credential=local
EOT
    cat > "$CONF_DIR/logback.xml" <<'EOT'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="OUT"/></root>
  <logger name="org.gaul.s3proxy" level="INFO"/>
</configuration>
EOT
    launch s3proxy "$logfile" "-Xmx$S3_MEMORY" -Dlogback.configurationFile="$CONF_DIR/logback.xml" \
        -cp "$DIST_DIR/s3proxy/*" org.gaul.s3proxy.Main --properties "$CONF_DIR/s3proxy.properties"
    s3_up() { [ -n "$(pid_of s3proxy)" ] || return $GONE; port_in_use "$S3_PORT" || return 1; }
    wait_until "$START_TIMEOUT" "S3Proxy" s3_up || return 1
    for bucket in $S3_BUCKETS; do
        s3_make_bucket "$bucket" || return 1
    done
}

# An S3 server answers on S3_PORT and accepts the credentials of cluster.conf (lists the buckets).
s3_answers() { port_in_use "$S3_PORT" && s3_get "" > /dev/null 2>&1; }

# ---- a command's options -> Managed Flink's runtime properties (submit and run-application)

# parse_options ARGS...: --key value / --key=value / --flag into keys (in order) and values[key].
keys=()
declare -A values=()
set_option() {
    [ -n "${values[$1]+x}" ] || keys+=("$1")
    values[$1]=$2
}
default_option() { [ -n "${values[$1]+x}" ] || set_option "$1" "$2"; }
parse_options() {
    local key
    while [ $# -gt 0 ]; do
        case "$1" in
            --*=*) key=${1%%=*}; set_option "${key#--}" "${1#*=}"; shift ;;
            --*)
                if [ $# -ge 2 ] && [[ $2 != --* ]]; then set_option "${1#--}" "$2"; shift 2
                else set_option "${1#--}" true; shift; fi
                ;;
            *) die "unexpected argument '$1': options are --key value or --key=value" ;;
        esac
    done
}

# default_options COMMAND: the locations of cluster.conf unless given (and one detection attempt for run).
default_options() {
    local first_bucket=${S3_BUCKETS%% *}
    case "$1" in
        run) default_option landing "$LANDING_URI"; default_option lake "$LAKE_URI"; default_option detect-attempts 1 ;;
        load-history | backfill) default_option lake "$LAKE_URI" ;;
        demo) default_option landing "$RUN_DIR/demo-landing"; default_option lake "s3://$first_bucket/demo" ;;
    esac
    # The Iceberg catalog of lakes in the local S3 (the role Glue has on AWS): an SQLite file beside the buckets,
    # kept and dropped with them (stop, start --clean). The JobManager and TaskManagers share this machine.
    # Iceberg's S3FileIO reaches the local S3 server with these (Flink's S3 plugin has its own s3.* keys).
    if [[ ${values[lake]:-} == s3://* ]]; then
        mkdir -p "$S3_CATALOG_DIR"
        default_option catalog "jdbc:sqlite:$S3_CATALOG_DIR/iceberg.db"
        default_option s3-endpoint "$S3_ENDPOINT"
        default_option s3-path-style true
    fi
}

json_escape() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '%s' "$s"; }

# write_properties COMMAND: the options as a Managed Flink application-properties file (group "pipeline").
write_properties() {
    local key
    printf '[{"PropertyGroupId":"pipeline","PropertyMap":{"command":"%s"' "$(json_escape "$1")"
    for key in "${keys[@]}"; do printf ',"%s":"%s"' "$(json_escape "$key")" "$(json_escape "${values[$key]}")"; done
    printf '}}]\n'
}

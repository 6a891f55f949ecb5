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
    args=$(tr '\0' '\n' < "/proc/$pid/cmdline" 2> /dev/null) || return 0
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

#!/usr/bin/env bash
# Local / CI Elasticsearch for Wat Werkt in de Wijk.
#
#   scripts/elasticsearch.sh start|stop|status|url
#
# Runs the Elasticsearch server that Maven Central ships as
# org.elasticsearch.distribution.integ-test-zip:elasticsearch (no bundled JDK, core modules only),
# plus our analysis plugin (search/analysis-plugin) that provides the analysis-common components
# the index settings use. Everything lives under $ES_HOME (git-ignored var/):
#
#   $ES_HOME/download/elasticsearch-<v>.zip   cached download
#   $ES_HOME/elasticsearch-<v>/               unpacked distribution (+ installed plugin)
#   $ES_HOME/node-<port>/{data,logs}          one directory per node (data-3nodes: its data
#                                             in a 3-node cluster, which a single node refuses)
#   $ES_HOME/node-<port>/elasticsearch.pid    pid of a node this script started
#
# Environment (defaults):
#   ES_PORT=9200      HTTP port (of the first node)
#   ES_HEAP=512m      heap per node
#   ES_VERSION=8.19.21
#   ES_HOME=<repo>/var/elasticsearch
#   ES_NODES=1        3 starts a 3-node cluster on ports ES_PORT..ES_PORT+2
#   ES_JAVA_HOME      JDK 17+ (else /usr/lib/jvm/java-17-openjdk-amd64, else `java` on PATH)
#   ES_USER=wwdw-es   system user that runs Elasticsearch when this script runs as root
#   ES_START_TIMEOUT=120  seconds to wait for yellow/green health
#
# Local and CI use only: the node listens on 127.0.0.1 and has security (TLS, authentication)
# DISABLED. Never expose it, never use this for production (production points at a real
# cluster by URL, see the brief).
set -euo pipefail
LOG_PREFIX=elasticsearch
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ES_VERSION="${ES_VERSION:-8.19.21}"
ES_PORT="${ES_PORT:-9200}"
ES_HEAP="${ES_HEAP:-512m}"
ES_HOME="${ES_HOME:-$REPO_ROOT/var/elasticsearch}"
ES_NODES="${ES_NODES:-1}"
ES_USER="${ES_USER:-wwdw-es}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-120}"

PLUGIN_NAME="wwdw-analysis"
PLUGIN_SRC="$REPO_ROOT/search/analysis-plugin"
DIST="$ES_HOME/elasticsearch-$ES_VERSION"
DOWNLOAD="$ES_HOME/download/elasticsearch-$ES_VERSION.zip"
PLUGIN_STAMP="$ES_HOME/$PLUGIN_NAME.installed.sha256"
CLUSTER_NAME="wwdw-local"
URL="http://127.0.0.1:$ES_PORT"

case "$ES_NODES" in 1 | 3) ;; *) die "ES_NODES must be 1 or 3 (got '$ES_NODES')" ;; esac
require_number ES_PORT "$ES_PORT"

node_port() { echo $((ES_PORT + $1)); }
node_dir() { echo "$ES_HOME/node-$(node_port "$1")"; }
node_pidfile() { echo "$(node_dir "$1")/elasticsearch.pid"; }
# Transport ports are only fixed for a multi-node cluster (single-node picks a free one).
node_transport_port() { echo $((ES_PORT + 100 + $1)); }

# Prints the health JSON of the node on port $1, fails if nothing answers.
health() {
    curl -fsS --max-time 3 "http://127.0.0.1:$1/_cluster/health" 2>/dev/null
}

health_status() {
    sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' <<<"$1"
}

# pid of node $1 (0-based) if this script started it and it still runs.
our_pid() { pid_from_file "$(node_pidfile "$1")" org.elasticsearch; }

find_java_home() {
    local candidate java
    if [[ -n "${ES_JAVA_HOME:-}" ]]; then
        candidate="$ES_JAVA_HOME"
        [[ -x "$candidate/bin/java" ]] || die "ES_JAVA_HOME=$candidate has no bin/java"
    elif [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]]; then
        candidate=/usr/lib/jvm/java-17-openjdk-amd64
    elif java="$(command -v java 2>/dev/null)"; then
        candidate="$(dirname "$(dirname "$(readlink -f "$java")")")"
    else
        die "no JDK found: install OpenJDK 17 (apt-get install openjdk-17-jdk-headless) or set ES_JAVA_HOME"
    fi
    local version major
    version="$("$candidate/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
    major="${version%%.*}"
    [[ "$major" =~ ^[0-9]+$ && "$major" -ge 17 ]] \
        || die "Elasticsearch $ES_VERSION needs Java 17 or newer; $candidate has '${version:-unknown}'"
    echo "$candidate"
}

require_mvn() {
    command -v mvn >/dev/null 2>&1 \
        || die "mvn (Apache Maven) is needed to $1: install it (apt-get install maven)"
}

download_dist() {
    if [[ -s "$DOWNLOAD" ]]; then
        return
    fi
    require_mvn "download Elasticsearch"
    log "downloading Elasticsearch $ES_VERSION (integ-test-zip) from Maven Central ..."
    mkdir -p "$ES_HOME/download"
    # Run outside the repository so no pom.xml is picked up.
    if ! (cd "$ES_HOME/download" && mvn -q -B dependency:copy \
        "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
        "-DoutputDirectory=$ES_HOME/download") >"$ES_HOME/download.log" 2>&1; then
        tail -n 40 "$ES_HOME/download.log" >&2
        die "download failed: mvn dependency:copy -Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"
    fi
    [[ -s "$DOWNLOAD" ]] || die "download did not produce $DOWNLOAD"
}

unpack_dist() {
    if [[ -x "$DIST/bin/elasticsearch" ]]; then
        return
    fi
    log "unpacking $DOWNLOAD ..."
    local tmp="$ES_HOME/.unpack.$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    if command -v unzip >/dev/null 2>&1; then
        unzip -q "$DOWNLOAD" -d "$tmp"
    else
        python3 -m zipfile -e "$DOWNLOAD" "$tmp"
        chmod -R u+rwX,go+rX "$tmp"
        chmod +x "$tmp"/elasticsearch-*/bin/*
    fi
    [[ -d "$tmp/elasticsearch-$ES_VERSION" ]] || die "unexpected zip layout in $DOWNLOAD"
    rm -rf "$DIST"
    mv "$tmp/elasticsearch-$ES_VERSION" "$DIST"
    rmdir "$tmp"
}

# Path of the built plugin zip (newest), empty if none.
built_plugin_zip() {
    find "$PLUGIN_SRC/target" -maxdepth 1 -name "$PLUGIN_NAME-*.zip" -printf '%T@ %p\n' 2>/dev/null \
        | sort -rn | head -n1 | cut -d' ' -f2- || true
}

build_plugin() {
    local zip
    zip="$(built_plugin_zip)"
    if [[ -n "$zip" ]] && [[ -z "$(find "$PLUGIN_SRC/pom.xml" "$PLUGIN_SRC/src" -newer "$zip" -type f -print -quit)" ]]; then
        return
    fi
    require_mvn "build the analysis plugin"
    log "building the analysis plugin (mvn package in search/analysis-plugin) ..."
    mkdir -p "$ES_HOME"
    if ! (cd "$PLUGIN_SRC" && JAVA_HOME="$JAVA_HOME_FOR_ES" mvn -q -B package) >"$ES_HOME/plugin-build.log" 2>&1; then
        tail -n 60 "$ES_HOME/plugin-build.log" >&2
        die "plugin build failed (full output: $ES_HOME/plugin-build.log); rerun: cd search/analysis-plugin && mvn -B package"
    fi
}

install_plugin() {
    local zip sum
    zip="$(built_plugin_zip)"
    [[ -n "$zip" ]] || die "no plugin zip in $PLUGIN_SRC/target"
    sum="$(sha256sum "$zip" | cut -d' ' -f1)"
    if [[ -d "$DIST/plugins/$PLUGIN_NAME" && -f "$PLUGIN_STAMP" && "$(cat "$PLUGIN_STAMP")" == "$sum" ]]; then
        return
    fi
    if [[ -d "$DIST/plugins/$PLUGIN_NAME" ]]; then
        log "replacing the installed $PLUGIN_NAME plugin ..."
        ES_JAVA_HOME="$JAVA_HOME_FOR_ES" "$DIST/bin/elasticsearch-plugin" remove --purge "$PLUGIN_NAME" >/dev/null
    fi
    log "installing $(basename "$zip") ..."
    ES_JAVA_HOME="$JAVA_HOME_FOR_ES" "$DIST/bin/elasticsearch-plugin" install --batch "file://$zip" >/dev/null
    echo "$sum" >"$PLUGIN_STAMP"
}

# When run as root, Elasticsearch runs as a system user (it refuses to run as root).
prepare_user() {
    [[ "$(id -u)" -eq 0 ]] || return 0
    if ! id -u "$ES_USER" >/dev/null 2>&1; then
        log "creating system user $ES_USER ..."
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$ES_USER"
    fi
    run_as "$ES_USER" test -r "$DIST/lib/elasticsearch-$ES_VERSION.jar" \
        || die "user $ES_USER cannot read $DIST (every parent directory needs o+x)"
}

start_node() {
    local i="$1" port dir pidfile data
    port="$(node_port "$i")"
    dir="$(node_dir "$i")"
    pidfile="$(node_pidfile "$i")"
    data="$dir/data"
    if [[ "$ES_NODES" -gt 1 ]]; then data="$dir/data-${ES_NODES}nodes"; fi
    mkdir -p "$data" "$dir/logs"
    rm -f "$pidfile"
    if [[ "$(id -u)" -eq 0 ]]; then
        # Only what Elasticsearch writes: its node directory and the config directory
        # (it creates config/elasticsearch.keystore on first start).
        chown -R "$ES_USER:" "$dir" "$DIST/config"
    fi

    local args=(
        -E "cluster.name=$CLUSTER_NAME"
        -E "node.name=wwdw-$port"
        -E "network.host=127.0.0.1"
        -E "http.port=$port"
        -E "path.data=$data"
        -E "path.logs=$dir/logs"
        # local/CI only: no TLS, no authentication
        -E "xpack.security.enabled=false"
        # a nearly full CI disk must not leave shards unassigned
        -E "cluster.routing.allocation.disk.threshold_enabled=false"
    )
    if [[ "$ES_NODES" -eq 1 ]]; then
        args+=(-E "discovery.type=single-node")
    else
        local seeds=() masters=() j
        for ((j = 0; j < ES_NODES; j++)); do
            seeds+=("127.0.0.1:$(node_transport_port "$j")")
            masters+=("wwdw-$(node_port "$j")")
        done
        args+=(
            -E "transport.port=$(node_transport_port "$i")"
            -E "discovery.seed_hosts=$(IFS=,; echo "${seeds[*]}")"
            -E "cluster.initial_master_nodes=$(IFS=,; echo "${masters[*]}")"
        )
    fi

    log "starting node wwdw-$port (heap $ES_HEAP, logs in $dir/logs) ..."
    # 9>&- : the node must not inherit the lock of this script.
    if ! run_as "$ES_USER" env ES_JAVA_HOME="$JAVA_HOME_FOR_ES" ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" \
        "$DIST/bin/elasticsearch" -d -p "$pidfile" "${args[@]}" >"$dir/startup.out" 2>&1 9>&-; then
        log "Elasticsearch failed to start:"
        tail -n 40 "$dir/startup.out" >&2 || true
        tail -n 40 "$dir/logs/$CLUSTER_NAME.log" >&2 2>/dev/null || true
        exit 1
    fi
}

# The cluster has all ES_NODES nodes and yellow or green health; dies when a node we started
# has exited meanwhile.
cluster_healthy() {
    local h status i
    if h="$(curl -fsS --max-time 3 \
        "$URL/_cluster/health?wait_for_nodes=$ES_NODES&wait_for_status=yellow&timeout=2s" 2>/dev/null)"; then
        status="$(health_status "$h")"
        if [[ "$h" != *'"timed_out":true'* && ("$status" == green || "$status" == yellow) ]]; then
            return 0
        fi
    fi
    for ((i = 0; i < ES_NODES; i++)); do
        if ! our_pid "$i" >/dev/null && ! health "$(node_port "$i")" >/dev/null; then
            # give a just-forked process a moment to write its pid file
            sleep 2
            our_pid "$i" >/dev/null || health "$(node_port "$i")" >/dev/null || {
                log "node wwdw-$(node_port "$i") is not running; last log lines:"
                tail -n 40 "$(node_dir "$i")/logs/$CLUSTER_NAME.log" >&2 2>/dev/null \
                    || tail -n 40 "$(node_dir "$i")/startup.out" >&2 || true
                exit 1
            }
        fi
    done
    return 1
}

wait_for_health() {
    wait_until "$ES_START_TIMEOUT" cluster_healthy && return 0
    log "no yellow/green health at $URL after ${ES_START_TIMEOUT}s; last log lines:"
    tail -n 40 "$(node_dir 0)/logs/$CLUSTER_NAME.log" >&2 2>/dev/null || true
    exit 1
}

# Warn when a node we reuse cannot run our analysis settings.
check_analysis_support() {
    local nodes
    nodes="$(curl -fsS --max-time 5 "$URL/_nodes/plugins?filter_path=nodes.*.plugins.name,nodes.*.modules.name" 2>/dev/null || true)"
    if [[ -n "$nodes" && "$nodes" != *"\"$PLUGIN_NAME\""* && "$nodes" != *'"analysis-common"'* ]]; then
        log "WARNING: the node at $URL has neither analysis-common nor the $PLUGIN_NAME plugin;"
        log "         Dutch analysis (asciifolding, synonym_graph, stemmer, ...) will fail there."
    fi
}

lock() {
    mkdir -p "$ES_HOME"
    exec 9>"$ES_HOME/.lock"
    flock -w 300 9 || die "another scripts/elasticsearch.sh is busy with $ES_HOME"
}

# Nodes of a cluster this script started (it started node 0) that no longer answer.
missing_nodes() {
    local i
    our_pid 0 >/dev/null || return 0
    for ((i = 1; i < ES_NODES; i++)); do
        health "$(node_port "$i")" >/dev/null || echo "$i"
    done
}

# Something answers on ES_PORT, and it is not our cluster with a node down.
engine_running() {
    health "$ES_PORT" >/dev/null && [[ -z "$(missing_nodes)" ]]
}

engine_reuse() {
    local h pid
    h="$(health "$ES_PORT")"
    if pid="$(our_pid 0)"; then
        log "already running (started by this script, pid $pid), health $(health_status "$h")"
    else
        log "something already answers at $URL (health $(health_status "$h")); reusing it, not starting another"
    fi
    check_analysis_support
}

# Whether any of the ES_NODES nodes answers.
any_node_answers() {
    local i
    for ((i = 0; i < ES_NODES; i++)); do
        health "$(node_port "$i")" >/dev/null && return 0
    done
    return 1
}

# Starts every node that does not answer (all of them, or the ones of our cluster that died).
engine_launch() {
    lock
    JAVA_HOME_FOR_ES="$(find_java_home)"
    download_dist
    unpack_dist
    # The nodes share the distribution: while some run, the restarted one joins them with the
    # plugin they have.
    if ! any_node_answers; then
        build_plugin
        install_plugin
    fi
    prepare_user
    local i
    for ((i = 0; i < ES_NODES; i++)); do
        if health "$(node_port "$i")" >/dev/null; then
            log "node on port $(node_port "$i") already answers; not starting it again"
            continue
        fi
        start_node "$i"
    done
    wait_for_health
    log "Elasticsearch $ES_VERSION is up at $URL ($ES_NODES node(s), health $(health_status "$(health "$ES_PORT")"))"
}

# Stops every node this script started under $ES_HOME (whatever ES_NODES/ES_PORT say now).
cmd_stop() {
    local pidfile pid stopped=()
    for pidfile in "$ES_HOME"/node-*/elasticsearch.pid; do
        [[ -e "$pidfile" ]] || continue
        if pid="$(pid_from_file "$pidfile" org.elasticsearch)"; then
            log "stopping $(basename "$(dirname "$pidfile")") (pid $pid) ..."
            stopped+=("$pid")
        fi
    done
    stop_pids 60 ${stopped[@]+"${stopped[@]}"}
    rm -f "$ES_HOME"/node-*/elasticsearch.pid 2>/dev/null || true
    if [[ ${#stopped[@]} -gt 0 ]]; then
        log "stopped"
    fi
}

cmd_status() {
    local h
    if h="$(health "$ES_PORT")"; then
        echo "$h"
        return 0
    fi
    echo "not running"
    return 1
}

engine_main "$@"

#!/bin/sh
# Starts the stock apache/james:memory-3.8.1 image with Border Transport's conf/ and, optionally, a smarthost.
#
# The image's own entrypoint (Jib, appRoot /root) is
#   java -Dlogback.configurationFile=/root/conf/logback.xml -Dworking.directory=/root/
#        -Djdk.tls.ephemeralDHKeySize=2048 -cp <jib classpath> org.apache.james.MemoryJamesServerMain
# This script runs that same command, after:
#   1. copying the conf mounted at $BORDER_CONF_DIR (default /opt/border-transport/conf) over $JAMES_HOME/conf,
#      so a read-only mount of the repository's conf/ is never modified;
#   2. when GATEWAY_HOST is set, inserting <gateway>GATEWAY_HOST</gateway><gatewayPort>GATEWAY_PORT</gatewayPort>
#      into the RemoteDelivery mailet of mailetcontainer.xml: all remote mail then goes to that host (Mailpit in
#      docker-compose.yml) instead of the recipients' MX hosts. Nothing else in the conf is changed.
# The drop-in jar is expected in $JAMES_HOME/extensions-jars/ (mounted there).
#
# For an image whose own conf must stay (apache/james:distributed-3.8.1: Cassandra, RabbitMQ, OpenSearch and S3
# settings; docker-compose.distributed.yml), BORDER_CONF_FILES names the only files of the mounted conf to copy, and
# MAIL_REPOSITORY_PROTOCOL replaces the memory:// of the shipped mail repositories (the distributed server has
# cassandra:// ones) in mailetcontainer.xml.
#
# Environment: GATEWAY_HOST, GATEWAY_PORT (25), WEBADMIN_HOST (WebAdmin bind address inside the container),
# BORDER_CONF_DIR, BORDER_CONF_FILES (space-separated file names; all files when unset), MAIL_REPOSITORY_PROTOCOL,
# JAVA_OPTS (extra JVM options, split on spaces), JAMES_HOME (/root) and JAVA_CMD (java) for tests.
set -eu

JAMES_HOME="${JAMES_HOME:-/root}"
SOURCE="${BORDER_CONF_DIR:-/opt/border-transport/conf}"
CONF="$JAMES_HOME/conf"
JAVA_CMD="${JAVA_CMD:-java}"

fail() {
    echo "border-transport entrypoint: $*" >&2
    exit 1
}

[ -f "$SOURCE/mailetcontainer.xml" ] \
    || fail "no mailetcontainer.xml in $SOURCE: mount the repository's conf/ there"
mkdir -p "$CONF"
if [ -n "${BORDER_CONF_FILES:-}" ]; then
    for name in $BORDER_CONF_FILES; do
        case "$name" in
            */* | .*) fail "BORDER_CONF_FILES names files of $SOURCE, not paths: '$name'" ;;
        esac
        [ -f "$SOURCE/$name" ] || fail "BORDER_CONF_FILES names $name, which is not in $SOURCE"
        cp "$SOURCE/$name" "$CONF/$name"
    done
    echo "border-transport entrypoint: copied $BORDER_CONF_FILES over the image's conf"
else
    cp -R "$SOURCE"/. "$CONF"/
fi

if [ -n "${MAIL_REPOSITORY_PROTOCOL:-}" ]; then
    case "$MAIL_REPOSITORY_PROTOCOL" in
        *[!a-z0-9]*) fail "MAIL_REPOSITORY_PROTOCOL must be a protocol name such as cassandra, not '$MAIL_REPOSITORY_PROTOCOL'" ;;
    esac
    sed -i "s#memory://var/mail/#$MAIL_REPOSITORY_PROTOCOL://var/mail/#g" "$CONF/mailetcontainer.xml"
    if grep -q 'memory://' "$CONF/mailetcontainer.xml"; then
        fail "mailetcontainer.xml still names a memory:// repository outside var/mail/"
    fi
    echo "border-transport entrypoint: mail repositories use $MAIL_REPOSITORY_PROTOCOL://"
fi

if [ -n "${GATEWAY_HOST:-}" ]; then
    GATEWAY_PORT="${GATEWAY_PORT:-25}"
    case "$GATEWAY_HOST" in
        *[!A-Za-z0-9.-]*) fail "GATEWAY_HOST must be a host name or an IPv4 address, not '$GATEWAY_HOST'" ;;
    esac
    case "$GATEWAY_PORT" in
        '' | *[!0-9]*) fail "GATEWAY_PORT must be a number, not '$GATEWAY_PORT'" ;;
    esac
    GATEWAY="<gateway>$GATEWAY_HOST</gateway><gatewayPort>$GATEWAY_PORT</gatewayPort>"
    # the opening tag of <mailet ... class="RemoteDelivery"> (or the full class name), not self-closing
    sed -i "s#\(<mailet[^>]*class=\"\(org\.apache\.james\.transport\.mailets\.\)\{0,1\}RemoteDelivery\"[^>/]*\)>#\1>$GATEWAY#" \
        "$CONF/mailetcontainer.xml"
    grep -q "$GATEWAY" "$CONF/mailetcontainer.xml" \
        || fail "no <mailet class=\"RemoteDelivery\"> in mailetcontainer.xml to point at $GATEWAY_HOST"
    echo "border-transport entrypoint: RemoteDelivery sends all remote mail to $GATEWAY_HOST:$GATEWAY_PORT"
fi

if [ -n "${WEBADMIN_HOST:-}" ]; then
    case "$WEBADMIN_HOST" in
        *[!A-Za-z0-9.:-]*) fail "WEBADMIN_HOST must be a host name or an address, not '$WEBADMIN_HOST'" ;;
    esac
    # the shipped conf binds WebAdmin (no authentication) to loopback; a container needs it on its own network
    sed -i "s#^host=.*#host=$WEBADMIN_HOST#" "$CONF/webadmin.properties"
fi

if ! ls "$JAMES_HOME"/extensions-jars/*.jar > /dev/null 2>&1; then
    echo "border-transport entrypoint: warning: no jar in $JAMES_HOME/extensions-jars/" >&2
fi

CLASSPATH_ARG="$JAMES_HOME/resources:$JAMES_HOME/classes:$JAMES_HOME/libs/*"
if [ -f "$JAMES_HOME/jib-classpath-file" ]; then
    CLASSPATH_ARG="$(cat "$JAMES_HOME/jib-classpath-file")"
fi
MAIN_CLASS=org.apache.james.MemoryJamesServerMain
if [ -f "$JAMES_HOME/jib-main-class-file" ]; then
    MAIN_CLASS="$(cat "$JAMES_HOME/jib-main-class-file")"
fi

# JAVA_OPTS holds several options: split on spaces on purpose
# shellcheck disable=SC2086
exec "$JAVA_CMD" -Dlogback.configurationFile="$CONF/logback.xml" -Dworking.directory="$JAMES_HOME/" \
    -Djdk.tls.ephemeralDHKeySize=2048 ${JAVA_OPTS:-} -cp "$CLASSPATH_ARG" "$MAIN_CLASS"

#!/bin/sh
# Renders the Switchboard Asterisk configuration: copies every *.conf of this folder into DEST, replacing each
# {{NAME}} with the environment variable NAME. Secrets without a value start random, so nothing works with a
# well-known default; a placeholder left without a value stops the render with its name.
#   render.sh DEST            e.g. ASTERISK_ARI_PASSWORD=... render.sh /etc/asterisk && asterisk -C /etc/asterisk/asterisk.conf
set -eu
src=$(cd "$(dirname "$0")" && pwd)
dest=${1:?usage: render.sh DEST}
random() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
: "${SIP_DOMAIN:=switchboard.local}"
: "${ASTERISK_CONFIG_DIR:=$dest}"
: "${ASTERISK_MODULE_DIR:=/opt/asterisk/lib/asterisk/modules}"
: "${ASTERISK_DATA_DIR:=/opt/asterisk/var/lib/asterisk}"
: "${ASTERISK_SBIN_DIR:=/opt/asterisk/sbin}"
: "${ASTERISK_STATE_DIR:=/var/lib/switchboard-asterisk}"
: "${ASTERISK_ENTITY_ID:=02:00:00:00:00:01}"
: "${ASTERISK_BIND_IP:=0.0.0.0}"
: "${ASTERISK_EXTERNAL_IP:=$ASTERISK_BIND_IP}"
: "${ASTERISK_SIP_PORT:=5060}"
: "${ASTERISK_HTTP_PORT:=8088}"
: "${ASTERISK_HTTPS_PORT:=8089}"
: "${ASTERISK_TLS_ENABLE:=no}"
: "${ASTERISK_TLS_CERT:=$dest/tls/asterisk.pem}"
: "${ASTERISK_TLS_KEY:=$dest/tls/asterisk.key}"
: "${ASTERISK_RTP_START_PORT:=10000}"
: "${ASTERISK_RTP_END_PORT:=10200}"
: "${ASTERISK_ARI_USER:=switchboard}"
: "${ASTERISK_ARI_PASSWORD:=$(random)}"
: "${ASTERISK_AMI_USER:=switchboard}"
: "${ASTERISK_AMI_PASSWORD:=$(random)}"
: "${ASTERISK_AMI_BIND_IP:=127.0.0.1}"
: "${ASTERISK_AMI_PORT:=5038}"
: "${ASTERISK_AMI_ALLOW:=127.0.0.1/32}"
export SIP_DOMAIN ASTERISK_CONFIG_DIR ASTERISK_MODULE_DIR ASTERISK_DATA_DIR ASTERISK_SBIN_DIR ASTERISK_STATE_DIR \
  ASTERISK_ENTITY_ID ASTERISK_BIND_IP ASTERISK_EXTERNAL_IP ASTERISK_SIP_PORT ASTERISK_HTTP_PORT ASTERISK_HTTPS_PORT \
  ASTERISK_TLS_ENABLE ASTERISK_TLS_CERT ASTERISK_TLS_KEY ASTERISK_RTP_START_PORT ASTERISK_RTP_END_PORT \
  ASTERISK_ARI_USER ASTERISK_ARI_PASSWORD ASTERISK_AMI_USER ASTERISK_AMI_PASSWORD ASTERISK_AMI_BIND_IP \
  ASTERISK_AMI_PORT ASTERISK_AMI_ALLOW
mkdir -p "$dest" "$ASTERISK_STATE_DIR/db" "$ASTERISK_STATE_DIR/spool" "$ASTERISK_STATE_DIR/run" "$ASTERISK_STATE_DIR/log"
for file in "$src"/*.conf; do
  # awk, not sed: values may hold any character sed would read as syntax (/, &, \).
  awk '{
    line = $0; out = ""
    while (match(line, /\{\{[A-Z0-9_]+\}\}/)) {
      name = substr(line, RSTART + 2, RLENGTH - 4)
      if (!(name in ENVIRON)) { print "render.sh: " FILENAME ": no value for " name > "/dev/stderr"; exit 2 }
      out = out substr(line, 1, RSTART - 1) ENVIRON[name]; line = substr(line, RSTART + RLENGTH)
    }
    print out line
  }' "$file" > "$dest/$(basename "$file").tmp"
  mv "$dest/$(basename "$file").tmp" "$dest/$(basename "$file")"
done
chmod 600 "$dest/ari.conf" "$dest/manager.conf"

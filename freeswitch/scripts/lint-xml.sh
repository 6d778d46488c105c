#!/usr/bin/env bash
# Static checks of the FreeSWITCH configuration (no FreeSWITCH needed):
#   1. every .xml file is well-formed (xmllint --noout; apt-get install -y libxml2-utils);
#   2. no pre-processor directive hides in a comment (FreeSWITCH runs them there too, line by line);
#   3. every $${global} used is set in vars.xml or is one FreeSWITCH defines itself.
# Usage: freeswitch/scripts/lint-xml.sh   (exit 1 on any problem)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v xmllint >/dev/null || { echo "xmllint not found: apt-get install -y libxml2-utils" >&2; exit 2; }

status=0
mapfile -t files < <(find . -name '*.xml' | sort)

for file in "${files[@]}"; do
  if ! xmllint --noout "$file"; then status=1; fi
done

# A directive inside <!-- ... --> (on any line of a multi-line comment) still runs.
for file in "${files[@]}"; do
  if ! awk '
    {
      line = $0
      opened = index(line, "<!--"); directive = index(line, "X-PRE-PROCESS")
      if (directive && (c || (opened && opened < directive))) { print FILENAME ": " FNR ": directive inside a comment"; bad = 1 }
      while (line != "") {
        if (!c && (o = index(line, "<!--"))) { c = 1; line = substr(line, o + 4) }
        else if (c && (e = index(line, "-->"))) { c = 0; line = substr(line, e + 3) }
        else line = ""
      }
    }
    END { exit bad }' "$file"; then
    status=1
  fi
done

builtin='^(local_ip_v4|local_ip_v6|local_mask_v4|base_dir|conf_dir|certs_dir|db_dir|log_dir|run_dir|sounds_dir|recordings_dir|storage_dir|cache_dir|script_dir|grammar_dir|mod_dir|temp_dir|hostname|switch_serial)$'
defined=$(grep -oE 'cmd="(set|exec-set|env-set)" data="[a-z_0-9]+=' vars.xml | sed -E 's/.*data="([a-z_0-9]+)=/\1/' | sort -u)
for name in $(grep -rhoE '\$\$\{[a-z_0-9]+\}' --include='*.xml' . | sed -E 's/^\$\$\{(.*)\}$/\1/' | sort -u); do
  if ! grep -qx "$name" <<<"$defined" && ! [[ $name =~ $builtin ]]; then
    echo "\$\${$name} is used but vars.xml never sets it" >&2
    status=1
  fi
done

[[ $status -eq 0 ]] && echo "freeswitch config: ${#files[@]} XML files well-formed, directives and globals OK"
exit $status

#!/usr/bin/env bash
# A real CUPS print queue that writes PDFs, for the print tests (test/print/cups.test.ts) in CI and on a
# developer's Debian or Ubuntu machine. Run as root (sudo); safe to run again.
#   - installs cups, cups-client and printer-driver-cups-pdf when missing;
#   - points cups-pdf's output at $LEDGERDESK_CUPS_OUT (default /var/spool/cups-pdf/ledgerdesk), with the
#     job id in every file name (Label 2: job_<id>-<title>.pdf) so a test finds its own job's file;
#   - starts cupsd when it is not running (CI has no systemd);
#   - adds $LEDGERDESK_CUPS_QUEUE (default ledgerdesk-pdf), enabled and accepting, and a second queue
#     "<queue>-stopped" that accepts jobs but is disabled, for the stopped-printer test;
#   - waits until lpstat shows both.
set -euo pipefail
queue="${LEDGERDESK_CUPS_QUEUE:-ledgerdesk-pdf}"
stopped="${queue}-stopped"
out="${LEDGERDESK_CUPS_OUT:-/var/spool/cups-pdf/ledgerdesk}"
conf=/etc/cups/cups-pdf.conf

if [ "$(id -u)" -ne 0 ]; then
  echo "cups-pdf-queue.sh: run as root (sudo $0): it installs packages, edits $conf and adds queues" >&2
  exit 1
fi

if ! command -v cupsd >/dev/null || ! command -v lp >/dev/null || [ ! -x /usr/lib/cups/backend/cups-pdf ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends cups cups-client printer-driver-cups-pdf >/dev/null
fi

ppd=$(ls /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd /usr/share/ppd/cups-pdf/CUPS-PDF*.ppd 2>/dev/null | head -n 1 || true)
if [ -z "$ppd" ]; then
  echo "cups-pdf-queue.sh: no CUPS-PDF PPD under /usr/share/ppd/cups-pdf" >&2
  exit 1
fi

# cups-pdf's settings: one line per key, replaced or appended (the shipped file has them commented out).
set_conf() {
  if grep -qE "^#?[[:space:]]*$1[[:space:]]" "$conf"; then
    sed -i -E "s|^#?[[:space:]]*$1[[:space:]].*|$1 $2|" "$conf"
  else
    echo "$1 $2" >>"$conf"
  fi
}
mkdir -p "$out"
chmod 1777 "$out"
set_conf Out "$out"
set_conf AnonDirName "$out"
set_conf Label 2

if ! pgrep -x cupsd >/dev/null; then
  mkdir -p /run/cups
  cupsd
fi
for _ in $(seq 1 50); do
  lpstat -r 2>/dev/null | grep -q "is running" && break
  sleep 0.2
done
lpstat -r | grep -q "is running" || { echo "cups-pdf-queue.sh: cupsd did not start" >&2; exit 1; }

lpadmin -p "$queue" -E -v cups-pdf:/ -P "$ppd" -D "Ledgerdesk PDF (CUPS-PDF)" -o printer-error-policy=abort-job
cupsenable "$queue"
cupsaccept "$queue"
lpadmin -p "$stopped" -E -v cups-pdf:/ -P "$ppd" -D "Ledgerdesk stopped (CUPS-PDF)"
cupsaccept "$stopped"
cupsdisable -r "Stopped for the print tests" "$stopped"

for _ in $(seq 1 50); do
  if lpstat -p "$queue" 2>/dev/null | grep -q "enabled" && lpstat -p "$stopped" 2>/dev/null | grep -q "disabled"; then
    echo "cups-pdf-queue.sh: queue $queue ready (PDFs in $out), $stopped disabled"
    exit 0
  fi
  sleep 0.2
done
echo "cups-pdf-queue.sh: lpstat does not show $queue enabled and $stopped disabled" >&2
lpstat -p >&2 || true
exit 1

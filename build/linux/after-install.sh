#!/bin/sh
# The .deb's post-install step. Makes the systemd user unit available to every user session (a
# desktop user enables it), and installs the locked kiosk session (build/linux/session/) without
# enabling it: a technician turns a machine into a terminal with
# `systemctl enable --now gov-kiosk-session` (README, Deploying a fleet).
set -e
share="/opt/不见面审批自助终端/share/gov-kiosk"
unit_src="$share/gov-kiosk.service"
if [ -f "$unit_src" ] && [ -d /usr/lib/systemd/user ]; then
  ln -sf "$unit_src" /usr/lib/systemd/user/gov-kiosk.service
fi
# Serial ID-card readers and receipt printers are in the dialout group; USB printers in lp.

session="$share/session"
if [ -d "$session" ]; then
  install -D -m 0644 "$session/gov-kiosk-session.service" /usr/lib/systemd/system/gov-kiosk-session.service
  install -D -m 0644 "$session/gov-kiosk-out-of-service.service" /usr/lib/systemd/system/gov-kiosk-out-of-service.service
  install -D -m 0755 "$session/gov-kiosk-cage" /usr/lib/gov-kiosk/gov-kiosk-cage
  install -D -m 0755 "$session/gov-kiosk-session" /usr/lib/gov-kiosk/gov-kiosk-session
  install -D -m 0755 "$session/gov-kiosk-out-of-service" /usr/lib/gov-kiosk/gov-kiosk-out-of-service
  install -D -m 0644 "$session/out-of-service.html" /usr/share/gov-kiosk/out-of-service.html
  install -D -m 0644 "$session/gov-kiosk.sysusers" /usr/lib/sysusers.d/gov-kiosk.conf
  install -D -m 0644 "$session/70-gov-kiosk.rules" /usr/lib/udev/rules.d/70-gov-kiosk.rules
  install -D -m 0644 "$session/gov-kiosk-pcsc.rules" /usr/share/polkit-1/rules.d/gov-kiosk-pcsc.rules
  # a local PAM file is the administrator's: only placed when there is none
  [ -e /etc/pam.d/gov-kiosk ] || install -D -m 0644 "$session/gov-kiosk.pam" /etc/pam.d/gov-kiosk
  command -v systemd-sysusers >/dev/null && systemd-sysusers /usr/lib/sysusers.d/gov-kiosk.conf || true
  # the config folder: the kiosk user writes technicians' local changes there (ReadWritePaths)
  install -d -m 0700 -o gov-kiosk -g gov-kiosk /etc/gov-kiosk 2>/dev/null || true
  command -v udevadm >/dev/null && udevadm control --reload-rules && udevadm trigger || true
  command -v systemctl >/dev/null && systemctl daemon-reload || true
fi
exit 0

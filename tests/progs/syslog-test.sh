# busybox syslogd and logger talk over /dev/log, an AF_UNIX datagram
# socket: the logged line must reach the file syslogd writes.
bb=/bin/busybox
$bb syslogd -n -O /tmp/messages &
pid=$!
i=0
while [ ! -S /dev/log ] && [ $i -lt 50 ]; do $bb usleep 100000; i=$((i+1)); done
$bb logger -t uunix hello-from-logger
i=0
while ! $bb grep -q 'uunix.*hello-from-logger' /tmp/messages 2>/dev/null &&
    [ $i -lt 50 ]; do $bb usleep 100000; i=$((i+1)); done
kill $pid
if $bb grep -q 'uunix.*hello-from-logger' /tmp/messages; then
	echo "syslog-test: logged line found"
else
	echo "syslog-test: FAILED, /tmp/messages:"
	$bb cat /tmp/messages
	exit 1
fi

# Run by /bin/busybox sh in the guest, booted with one network device
# (QEMU: virtio-net-pci; Xen: a vif): the device model lists it in
# /proc/pvbus whatever the hypervisor, a modern virtio-net function bound
# to the virtio-net driver or a vif bound to netfront, and
# /proc/interrupts shows the routed vectors (under Xen the event-channel
# upcall too).
prefix=devices-test
. /bin/check.sh

$bb mount -t proc proc /proc
check mount-proc 0 $?
$bb cat /proc/pvbus
check pvbus-header "bus device id class driver resources" \
	"$($bb head -n 1 /proc/pvbus | $bb tr -s ' ')"
# The network device: a PCI function of class 02 (network), or a xenbus
# vif with its backend's path, domain and state.
net=$($bb awk '
	$1 == "pci" && substr($4, 1, 2) == "02" { print "pci " $3 " driver=" $5 }
	$1 == "xenbus" && $3 == "vif" && $6 ~ /^backend=\/local\/domain\/[0-9]+\/backend\/vif\/[0-9]+\/[0-9]+$/ &&
	    $7 ~ /^backend-id=[0-9]+$/ && $8 ~ /^state=[1-8]$/ { print "xenbus vif driver=" $5 }
' /proc/pvbus)
case $net in
"pci 1af4:1041 driver=virtio-net"|"pci 1af4:1000 driver=-"|"xenbus vif driver=netfront")
	check net-device-listed yes yes ;;
*)	check net-device-listed "a virtio-net function or a vif" "$net" ;;
esac
# Every line names a known bus.
check pvbus-buses 0 "$($bb awk 'NR > 1 && $1 != "pci" && $1 != "xenbus"' /proc/pvbus | $bb wc -l)"
$bb cat /proc/interrupts
check interrupts-timer 1 "$($bb grep -c '^224: *[0-9][0-9]* *LAPIC-timer$' /proc/interrupts)"
# A bound virtio-net routes its MSI-X entries through the allocator.
case $net in
"pci 1af4:1041 driver=virtio-net")
	check interrupts-virtio-net 3 "$($bb grep -cE ' virtio-net-(config|rx|tx)$' /proc/interrupts)" ;;
esac
if $bb grep -q '^xenbus ' /proc/pvbus; then
	check interrupts-xen-evtchn 1 "$($bb grep -c '^ *[0-9]*: *[0-9][0-9]* *xen-evtchn$' /proc/interrupts)"
fi
check interrupts-ticking 1 "$($bb awk '$3 == "LAPIC-timer" { print ($2 > 0) }' /proc/interrupts)"
$bb echo "$prefix: done, $fails failures"
[ $fails -eq 0 ]

# Sourced by the demo scripts. The demo office is open Mon-Fri 08:30-16:30
# (Asia/Bangkok); out of those hours, export SADUAK_CLOCK_OFFSET so that every
# process runs as on the next working morning at 09:00 and every service is open.
demo_clock() {
    local now dow hm d t
    now=$(date +%s)
    dow=$(TZ=Asia/Bangkok date +%u)
    hm=$(TZ=Asia/Bangkok date +%H%M)
    export SADUAK_CLOCK_OFFSET=0
    if [ "$dow" -le 5 ] && [ "$((10#$hm))" -ge 830 ] && [ "$((10#$hm))" -lt 1630 ]; then
        return
    fi
    for d in 0 1 2 3 4 5 6 7; do
        t=$(TZ=Asia/Bangkok date -d "$(TZ=Asia/Bangkok date -d "+$d day" +%F) 09:00" +%s)
        if [ "$t" -gt "$now" ] && [ "$(TZ=Asia/Bangkok date -d "@$t" +%u)" -le 5 ]; then
            SADUAK_CLOCK_OFFSET=$((t - now))
            break
        fi
    done
    echo "(the office is closed now: the demo runs as on" \
        "$(TZ=Asia/Bangkok date -d "@$((now + SADUAK_CLOCK_OFFSET))" '+%a %d %b %H:%M'), Bangkok time)"
}

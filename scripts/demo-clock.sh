# Sourced by the demo scripts. The demo office is open Mon-Fri 08:30-16:30
# (Asia/Bangkok), and the scripted morning books one of service A's slots
# (every 20 minutes, the last at 16:10) at least 5 minutes ahead: so from
# 08:30 to 16:00 the demo runs at the real time; otherwise it exports
# SADUAK_CLOCK_OFFSET so that every process runs as on the next working
# morning at 09:00, every service open and slots left to book.
demo_clock() {
    local now dow hm d t
    now=$(date +%s)
    dow=$(TZ=Asia/Bangkok date +%u)
    hm=$(TZ=Asia/Bangkok date +%H%M)
    export SADUAK_CLOCK_OFFSET=0
    if [ "$dow" -le 5 ] && [ "$((10#$hm))" -ge 830 ] && [ "$((10#$hm))" -lt 1600 ]; then
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

# Sourced by scripts/demo.sh and tests/e2e/demo_layout.sh: where the demo's
# windows open on a 1920x1080 desktop. Each window's size leaves 30 pixels
# above it for a window manager's title bar, and no two windows overlap, so
# every control stays in reach: the kiosk and the board on top, the two
# counter consoles and the rating screen below.
# shellcheck disable=SC2034 # read by the scripts that source this file
declare -A demo_pos=(
	[kiosk]=0,0 [board]=800,0
	[counter2]=0,660 [counter3]=640,660 [rating]=1280,660
)
# shellcheck disable=SC2034
declare -A demo_size=(
	[kiosk]=800x600 [board]=1120x630
	[counter2]=640x390 [counter3]=640x390 [rating]=640x390
)

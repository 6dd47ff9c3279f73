# Shared by the end-to-end scripts: source it after setting SRC.

# office_config DB: config/demo.ini with its log at DB, every service open
# all day (tests run at any hour), and no counter driving an LED display
# (a test that wants one adds it), printed to stdout.
office_config() {
	sed -e "s|^database = .*|database = $1|" \
		-e 's|^hours = .*|hours = daily 00:00-24:00|' \
		-e '/^extended_hours/d' \
		-e '/^display = /d' "$SRC/config/demo.ini"
}

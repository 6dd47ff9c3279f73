#include "layout.h"

bool
box_within(struct box inner, struct box outer)
{
	return inner.w >= 0 && inner.h >= 0 && inner.x >= outer.x && inner.y >= outer.y &&
	       inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

bool
box_overlap(struct box a, struct box b)
{
	return a.w > 0 && a.h > 0 && b.w > 0 && b.h > 0 && a.x < b.x + b.w && b.x < a.x + a.w &&
	       a.y < b.y + b.h && b.y < a.y + a.h;
}

bool
box_contains(struct box b, int x, int y)
{
	return x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h;
}

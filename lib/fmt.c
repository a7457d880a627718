/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * fmt_vsnprintf: the one formatter behind printk and panic.  See fmt.h for
 * the supported format language.  Unknown conversions are copied through
 * literally so that a bad format string shows up in the output.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/fmt.h>

struct fmt_out {
	char	*fo_buf;	/* set by caller */
	size_t	 fo_size;	/* set by caller */
	size_t	 fo_len;	/* grows as fmt_put is called */
};

static void
fmt_put(struct fmt_out *o, char c)
{
	if (o->fo_len + 1 < o->fo_size)
		o->fo_buf[o->fo_len] = c;
	o->fo_len++;
}

static void
fmt_pad(struct fmt_out *o, char c, int n)
{
	while (n-- > 0)
		fmt_put(o, c);
}

static void
fmt_str(struct fmt_out *o, const char *s, int width, int prec, bool left)
{
	int n = 0;

	if (s == NULL)
		s = "(null)";
	while ((prec < 0 || n < prec) && s[n] != '\0')
		n++;
	if (!left)
		fmt_pad(o, ' ', width - n);
	for (int i = 0; i < n; i++)
		fmt_put(o, s[i]);
	if (left)
		fmt_pad(o, ' ', width - n);
}

static void
fmt_num(struct fmt_out *o, uint64_t v, bool neg, unsigned int base,
    bool upper, int width, bool left, bool zero)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v != 0);
	len = n + (neg ? 1 : 0);
	if (left) {
		if (neg)
			fmt_put(o, '-');
		while (n > 0)
			fmt_put(o, tmp[--n]);
		fmt_pad(o, ' ', width - len);
		return;
	}
	if (zero) {
		if (neg)
			fmt_put(o, '-');
		fmt_pad(o, '0', width - len);
	} else {
		fmt_pad(o, ' ', width - len);
		if (neg)
			fmt_put(o, '-');
	}
	while (n > 0)
		fmt_put(o, tmp[--n]);
}

int
fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out o = { .fo_buf = buf, .fo_size = size, .fo_len = 0 };

	while (*fmt != '\0') {
		const char *start = fmt;
		bool left = false, zero = false;
		int width = 0, lng = 0, prec = -1;

		if (*fmt != '%') {
			fmt_put(&o, *fmt++);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '0')
				zero = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				prec = prec * 10 + (*fmt++ - '0');
		}
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'z')
				lng = 2;
			else
				break;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

			fmt_num(&o, mag, v < 0, 10, false, width, left, zero);
			break;
		}
		case 'u':
		case 'o':
		case 'x':
		case 'X': {
			uint64_t v = lng ? va_arg(ap, uint64_t) :
			    va_arg(ap, unsigned int);

			fmt_num(&o, v, false, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 :
			    16,
			    *fmt == 'X', width, left, zero);
			break;
		}
		case 'p':
			fmt_put(&o, '0');
			fmt_put(&o, 'x');
			fmt_num(&o, (uintptr_t)va_arg(ap, void *), false, 16,
			    false, 16, false, true);
			break;
		case 's':
			fmt_str(&o, va_arg(ap, const char *), width, prec, left);
			break;
		case 'c':
			fmt_put(&o, (char)va_arg(ap, int));
			break;
		case '%':
			fmt_put(&o, '%');
			break;
		default:
			/* Unknown or truncated conversion: copy it through. */
			while (start < fmt)
				fmt_put(&o, *start++);
			if (*fmt == '\0')
				goto out;
			fmt_put(&o, *fmt);
			break;
		}
		fmt++;
	}
out:
	if (size > 0)
		buf[o.fo_len < size ? o.fo_len : size - 1] = '\0';
	return (int)o.fo_len;
}

int
fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

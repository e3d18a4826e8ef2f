/* What a notice says: the mail (Traditional Chinese first, English after), the webhook's
 * JSON and the in-app notification's lines, from a list of findings. No database here, so
 * the wording and the order are unit-tested directly. */
#include "vans/notice.h"
#include "core/clock.h"
#include "core/val.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool notice_item_urgent(const struct notice_item *it)
{
	return it->urgent || it->kev || (it->severity && !strcmp(it->severity, "CRITICAL"));
}

static int by_urgency(const void *pa, const void *pb)
{
	const struct notice_item *a = pa, *b = pb;
	bool ua = notice_item_urgent(a), ub = notice_item_urgent(b);
	if (ua != ub)
		return ua ? -1 : 1;
	if (a->kev != b->kev) /* known exploited before merely critical */
		return a->kev ? -1 : 1;
	if (a->cvss != b->cvss)
		return a->cvss > b->cvss ? -1 : 1;
	int c = strcmp(a->cve ? a->cve : "", b->cve ? b->cve : "");
	if (c)
		return c;
	return a->finding_id < b->finding_id ? -1 : a->finding_id > b->finding_id;
}

void notice_items_sort(struct notice_item *items, size_t n)
{
	if (n > 1)
		qsort(items, n, sizeof *items, by_urgency);
}

int64_t notice_digest_due(int64_t last_digest_at, int64_t oldest_waiting)
{
	return (last_digest_at > 0 ? last_digest_at : oldest_waiting) + NOTICE_DIGEST_PERIOD;
}

static const char *severity_zh(const char *s)
{
	if (!s || !*s)
		return "未評分";
	if (!strcmp(s, "CRITICAL"))
		return "重大";
	if (!strcmp(s, "HIGH"))
		return "高";
	if (!strcmp(s, "MEDIUM"))
		return "中";
	if (!strcmp(s, "LOW"))
		return "低";
	return s;
}

static const char *reason_zh(const char *r)
{
	if (!strcmp(r, "reactivated"))
		return "再次出現";
	if (!strcmp(r, "kev"))
		return "已列入 KEV（已知遭利用弱點）";
	if (!strcmp(r, "changed"))
		return "弱點資訊更新";
	return "新發現";
}

static const char *reason_en(const char *r)
{
	if (!strcmp(r, "reactivated"))
		return "found again";
	if (!strcmp(r, "kev"))
		return "added to KEV (known exploited)";
	if (!strcmp(r, "changed"))
		return "vulnerability data changed";
	return "new";
}

static void asset_label(struct buf *b, const struct notice_item *it)
{
	if (*it->vendor && strncasecmp(it->asset, it->vendor, strlen(it->vendor)) != 0)
		buf_printf(b, "%s ", it->vendor);
	buf_puts(b, it->asset);
	if (*it->version && !strstr(it->asset, it->version))
		buf_printf(b, " %s", it->version);
}

static void list_items(struct buf *b, const char *base_url, const struct notice_item *items, size_t n, bool zh)
{
	size_t shown = n < NOTICE_MAIL_MAX_ITEMS ? n : NOTICE_MAIL_MAX_ITEMS;
	for (size_t i = 0; i < shown; i++) {
		const struct notice_item *it = &items[i];
		bool urgent = notice_item_urgent(it);
		buf_printf(b, "%zu. %s%s  %s", i + 1, urgent ? (zh ? "【緊急】" : "[URGENT] ") : "", it->cve,
			   zh ? severity_zh(it->severity) : (*it->severity ? it->severity : "UNSCORED"));
		if (it->cvss >= 0)
			buf_printf(b, " CVSS %.1f", it->cvss);
		if (it->kev)
			buf_printf(b, zh ? " · KEV 修補期限 %s" : " · KEV due %s", *it->kev_due ? it->kev_due : "-");
		buf_puts(b, zh ? "\n   資產：" : "\n   Asset: ");
		asset_label(b, it);
		if (*it->identifier)
			buf_printf(b, zh ? "（識別碼 %s）" : " (identifier %s)", it->identifier);
		if (*it->cpe)
			buf_printf(b, "\n   CPE: %s", it->cpe);
		buf_printf(b, zh ? "\n   原因：%s\n" : "\n   Reason: %s\n", zh ? reason_zh(it->reason) : reason_en(it->reason));
		buf_printf(b, "   %s/findings/%lld\n", base_url, (long long)it->finding_id);
	}
	if (n > shown)
		buf_printf(b, zh ? "……另有 %zu 項，請登入查看。\n" : "... and %zu more: sign in to see them.\n", n - shown);
}

void notice_mail_compose(struct arena *a, enum notice_mail_kind kind, const char *base_url, const char *org_name,
			 const char *user_name, const struct notice_item *items, size_t n, const char **subject,
			 const char **body)
{
	size_t urgent = 0;
	for (size_t i = 0; i < n; i++)
		urgent += notice_item_urgent(&items[i]);
	bool digest = kind == NOTICE_MAIL_DIGEST;
	if (urgent)
		*subject = arena_printf(a, "【緊急】[URGENT] 資通安全弱點通報：%s 有 %zu 項需立即處理的弱點 / %zu urgent of %zu findings",
					org_name, urgent, urgent, n);
	else if (digest)
		*subject = arena_printf(a, "資通安全弱點通報每日摘要：%s 有 %zu 項弱點 / Daily digest: %zu findings", org_name,
					n, n);
	else
		*subject = arena_printf(a, "資通安全弱點通報：%s 有 %zu 項新弱點 / %zu new findings", org_name, n, n);
	struct buf b;
	buf_init(&b, 4 * 1024 * 1024);
	buf_printf(&b, "%s 您好：\n\n", user_name);
	if (digest)
		buf_printf(&b, "以下是過去一天貴機關「%s」資產的弱點摘要", org_name);
	else
		buf_printf(&b, "貴機關「%s」的資產有下列弱點需要注意", org_name);
	buf_printf(&b, "（共 %zu 項%s）。", n, urgent ? "，緊急項目列於最前" : "");
	if (urgent)
		buf_printf(&b, "其中 %zu 項為 KEV 已知遭利用或重大等級弱點，請立即處理。", urgent);
	buf_puts(&b, "\n\n");
	list_items(&b, base_url, items, n, true);
	buf_printf(&b, "\n請登入 vans 檢視並處理：%s/findings\n通知設定（即時、每日摘要或不寄送）：%s/notifications/preferences\n",
		   base_url, base_url);
	buf_puts(&b, "\n----------------------------------------\n\n");
	buf_printf(&b, "Dear %s,\n\n", user_name);
	if (digest)
		buf_printf(&b, "Here is the daily digest of findings on the assets of %s", org_name);
	else
		buf_printf(&b, "The assets of %s have findings that need your attention", org_name);
	buf_printf(&b, " (%zu in all%s).", n, urgent ? ", urgent ones first" : "");
	if (urgent)
		buf_printf(&b, " %zu %s known exploited (KEV) or critical: act on %s now.", urgent,
			   urgent == 1 ? "is" : "are", urgent == 1 ? "it" : "them");
	buf_puts(&b, "\n\n");
	list_items(&b, base_url, items, n, false);
	buf_printf(&b, "\nSign in to vans to review them: %s/findings\nNotice settings (immediate, daily digest or off): "
		       "%s/notifications/preferences\n",
		   base_url, base_url);
	*body = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
}

void notice_webhook_json(struct buf *out, const char *base_url, const char *org_identifier, const char *org_name,
			 int64_t now, const struct notice_item *items, size_t n, bool test)
{
	struct arena a;
	arena_init(&a, 0);
	struct val *root = val_obj(&a), *org = val_obj(&a), *list = val_arr(&a);
	char ts[32];
	val_set_str(&a, root, "event", test ? "vans.test" : "vans.findings");
	val_set_str(&a, root, "created_at", clock_format_iso8601(now, ts, sizeof ts));
	val_set_str(&a, org, "identifier", org_identifier);
	val_set_str(&a, org, "name", org_name);
	val_set(&a, root, "organisation", org);
	size_t urgent = 0;
	for (size_t i = 0; i < n; i++) {
		const struct notice_item *it = &items[i];
		struct val *f = val_obj(&a), *asset = val_obj(&a);
		bool u = notice_item_urgent(it);
		urgent += u;
		val_set_int(&a, f, "finding_id", it->finding_id);
		val_set_str(&a, f, "cve", it->cve);
		val_set_str(&a, f, "severity", it->severity);
		val_set(&a, f, "cvss", it->cvss >= 0 ? val_real(&a, it->cvss) : val_null(&a));
		val_set_bool(&a, f, "kev", it->kev);
		val_set(&a, f, "kev_due_date", *it->kev_due ? val_str(&a, it->kev_due) : val_null(&a));
		val_set_bool(&a, f, "urgent", u);
		val_set_str(&a, f, "reason", it->reason);
		val_set_str(&a, asset, "identifier", it->identifier);
		val_set_str(&a, asset, "name", it->asset);
		val_set_str(&a, asset, "vendor", it->vendor);
		val_set_str(&a, asset, "version", it->version);
		val_set_str(&a, asset, "cpe", it->cpe);
		val_set(&a, f, "asset", asset);
		val_set_str(&a, f, "url", arena_printf(&a, "%s/findings/%lld", base_url, (long long)it->finding_id));
		val_push(&a, list, f);
	}
	val_set_int(&a, root, "urgent", (int64_t)urgent);
	val_set(&a, root, "findings", list);
	val_write_json(root, out);
	arena_free(&a);
}

void notice_notification_body(struct buf *out, const struct notice_item *items, size_t n)
{
	for (size_t i = 0; i < n && i < NOTICE_MAIL_MAX_ITEMS; i++) {
		const struct notice_item *it = &items[i];
		struct buf label;
		buf_init(&label, 4096);
		asset_label(&label, it);
		/* tabs and newlines would break the line format */
		for (size_t k = 0; k < label.len; k++)
			if (label.data[k] == '\t' || label.data[k] == '\n' || label.data[k] == '\r')
				label.data[k] = ' ';
		buf_printf(out, "%d\t%s\t%s\t%s\t%lld\t%s\n", notice_item_urgent(it), it->cve, it->severity,
			   label.data ? label.data : "", (long long)it->finding_id, it->reason);
		buf_free(&label);
	}
}

// The counter's seat map. The page draws the seats once; the poll brings only their statuses (one
// letter a seat, in the map's order: A available, H held, S sold) and apply() sets them on the seats
// already drawn, so nothing is redrawn and the keyboard focus stays where it is. The selection lives in
// the hidden input sale:selected (comma-separated seat ids). The map is one Tab stop: arrow keys move
// between seats (left and right along a row, up and down to the nearest seat of the next row), Space or
// Enter selects. Clicks and keys are handled on the document, so seats respond from the first moment.
var marqueeSeatMap = (function () {
    var STATUS = { A: 'AVAILABLE', H: 'HELD', S: 'SOLD' };
    var WORDS = { AVAILABLE: 'available', HELD: 'held', SOLD: 'sold' };

    function map() { return document.getElementById('seatmap'); }
    function field() { return document.getElementById('sale:selected'); }
    function seats() { var m = map(); return m ? Array.prototype.slice.call(m.querySelectorAll('rect[data-seat]')) : []; }
    function chosen() { var f = field(); return f && f.value ? f.value.split(',').filter(Boolean) : []; }

    function save(ids) {
        var f = field();
        if (!f) { return; }
        f.value = ids.join(',');
        var note = document.getElementById('selection');
        if (note) { note.textContent = ids.length ? ids.length + ' seat(s) selected' : ''; }
    }

    function describe(rect, on) {
        var status = rect.getAttribute('data-status'), title = rect.querySelector('title');
        rect.setAttribute('aria-label', 'Seat ' + rect.getAttribute('data-label') + ', ' + (on ? 'selected' : WORDS[status] || status));
        if (title) { title.textContent = rect.getAttribute('data-label') + ' (' + (WORDS[status] || status) + ')'; }
        rect.setAttribute('aria-checked', on ? 'true' : 'false');
        rect.setAttribute('aria-disabled', status === 'AVAILABLE' ? 'false' : 'true');
    }

    function toggle(rect) {
        if (rect.getAttribute('data-status') !== 'AVAILABLE') { return; }
        var id = rect.getAttribute('data-seat'), ids = chosen(), at = ids.indexOf(id);
        if (at >= 0) { ids.splice(at, 1); } else { ids.push(id); }
        save(ids);
        paint();
    }

    /** Shows the selection; a seat someone else took meanwhile is dropped from it. */
    function paint() {
        var all = seats();
        if (!all.length) { return; }
        var ids = chosen(), still = [];
        all.forEach(function (r) {
            var id = r.getAttribute('data-seat');
            var on = ids.indexOf(id) >= 0 && r.getAttribute('data-status') === 'AVAILABLE';
            if (on) { still.push(id); }
            r.classList.toggle('chosen', on);
            describe(r, on);
        });
        if (still.length !== ids.length) { save(still); }
        if (!all.some(function (r) { return r.getAttribute('tabindex') === '0'; })) {
            var first = all.filter(function (r) { return r.getAttribute('data-status') === 'AVAILABLE'; })[0] || all[0];
            first.setAttribute('tabindex', '0');
        }
    }

    /** The statuses of the last poll, set on the seats as they are. */
    function apply() {
        var source = document.getElementById('seatStates');
        if (!source) { return; }
        var letters = source.getAttribute('data-states') || '';
        seats().forEach(function (r, i) {
            var status = STATUS[letters.charAt(i)];
            if (status && status !== r.getAttribute('data-status')) {
                r.setAttribute('data-status', status);
                r.classList.remove('AVAILABLE', 'HELD', 'SOLD');
                r.classList.add(status);
                var title = r.querySelector('title');
                if (title) { title.textContent = r.getAttribute('data-label') + ' (' + WORDS[status] + ')'; }
            }
        });
        paint();
    }

    function moveFrom(rect, key) {
        var all = seats(), at = all.indexOf(rect), next = null;
        if (key === 'ArrowRight' || key === 'ArrowLeft') {
            next = all[at + (key === 'ArrowRight' ? 1 : -1)];
        } else if (key === 'Home' || key === 'End') {
            next = key === 'Home' ? all[0] : all[all.length - 1];
        } else {
            var y = +rect.getAttribute('y'), x = +rect.getAttribute('x'), down = key === 'ArrowDown', rowY = null;
            all.forEach(function (r) {
                var ry = +r.getAttribute('y');
                if ((down ? ry > y : ry < y) && (rowY === null || (down ? ry < rowY : ry > rowY))) { rowY = ry; }
            });
            all.forEach(function (r) {
                if (+r.getAttribute('y') === rowY && (next === null
                        || Math.abs(+r.getAttribute('x') - x) < Math.abs(+next.getAttribute('x') - x))) { next = r; }
            });
        }
        if (next) {
            all.forEach(function (r) { r.setAttribute('tabindex', '-1'); });
            next.setAttribute('tabindex', '0');
            next.focus();
        }
    }

    function seatOf(target) {
        return target && target.closest ? target.closest('#seatmap rect[data-seat]') : null;
    }

    document.addEventListener('click', function (e) {
        var rect = seatOf(e.target);
        if (rect) {
            seats().forEach(function (r) { r.setAttribute('tabindex', '-1'); });
            rect.setAttribute('tabindex', '0');
            toggle(rect);
        }
    });
    document.addEventListener('keydown', function (e) {
        var rect = seatOf(e.target);
        if (!rect) { return; }
        if (e.key === ' ' || e.key === 'Enter') {
            e.preventDefault();
            toggle(rect);
        } else if (['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].indexOf(e.key) >= 0) {
            e.preventDefault();
            moveFrom(rect, e.key);
        }
    });

    /** The hold's countdown: minutes and seconds left, then a word that it has ended. */
    function countdown() {
        var clock = document.getElementById('holdCountdown');
        if (!clock) { return; }
        var left = Math.round((new Date(clock.getAttribute('data-until')) - new Date()) / 1000);
        clock.textContent = left > 0 ? Math.floor(left / 60) + ':' + ('0' + left % 60).slice(-2) + ' left' : 'the hold has ended';
        clock.classList.toggle('ending', left <= 60);
    }

    /** Cash: what the customer handed over, and the change to give back. */
    function change() {
        var tendered = document.getElementById('tendered'), out = document.getElementById('change');
        if (!tendered || !out) { return; }
        var due = +tendered.getAttribute('data-due'), given = +tendered.value.replace(',', '.');
        out.textContent = !tendered.value ? '' : isNaN(given) ? 'Enter an amount, e.g. 50 or 50.00'
            : given < due ? money(due - given, tendered) + ' still to pay' : 'Change: ' + money(given - due, tendered);
    }

    /** An amount as the console shows money: grouped, with the currency's own decimals, then the currency. */
    function money(amount, tendered) {
        var currency = tendered.getAttribute('data-currency');
        if (!currency) { return amount.toFixed(2); }
        var digits = new Intl.NumberFormat('en', { style: 'currency', currency: currency }).resolvedOptions().maximumFractionDigits;
        return new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount) + ' ' + currency;
    }
    document.addEventListener('input', function (e) { if (e.target && e.target.id === 'tendered') { change(); } });

    function start() { paint(); countdown(); change(); }
    if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
    setInterval(countdown, 1000);
    return { paint: paint, apply: apply };
})();

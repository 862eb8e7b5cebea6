// The seat map's selection lives in the hidden input sale:selected (comma-separated seat ids), so it
// survives the poll that redraws the map; paint() re-applies it after each redraw.
var marqueeSeatMap = (function () {
    function field() { return document.getElementById('sale:selected'); }
    function chosen() { var f = field(); return f && f.value ? f.value.split(',').filter(Boolean) : []; }
    function save(ids) {
        field().value = ids.join(',');
        var note = document.getElementById('selection');
        if (note) { note.textContent = ids.length ? ids.length + ' seat(s) selected' : ''; }
    }
    function toggle(rect) {
        if (rect.getAttribute('data-status') !== 'AVAILABLE') { return; }
        var id = rect.getAttribute('data-seat'), ids = chosen(), at = ids.indexOf(id);
        if (at >= 0) { ids.splice(at, 1); } else { ids.push(id); }
        save(ids);
        paint();
    }
    function paint() {
        var map = document.getElementById('seatmap');
        if (!map || !field()) { return; }
        var ids = chosen(), still = [];
        map.querySelectorAll('rect[data-seat]').forEach(function (r) {
            var id = r.getAttribute('data-seat');
            var on = ids.indexOf(id) >= 0 && r.getAttribute('data-status') === 'AVAILABLE';
            if (on) { still.push(id); }
            r.classList.toggle('chosen', on);
            r.setAttribute('aria-checked', on ? 'true' : 'false');
            if (!r.marqueeBound) {
                r.marqueeBound = true;
                r.addEventListener('click', function () { toggle(r); });
                r.addEventListener('keydown', function (e) {
                    if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); toggle(r); }
                });
            }
        });
        if (still.length !== ids.length) { save(still); }   // a seat someone else took meanwhile is dropped from the selection
    }
    return { paint: paint };
})();

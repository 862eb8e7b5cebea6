/* The door page: keeps the code field ready for the next scan, says yes or no with sound and vibration
   where the browser allows, and reads QR codes with the camera where the browser has a barcode
   detector (Chromium on Android does). */
var marqueeDoor = (function () {
  var audio = null;

  function field() { return document.getElementById('code'); }

  function tone(frequency, seconds, at) {
    var o = audio.createOscillator(), g = audio.createGain();
    o.frequency.value = frequency;
    o.connect(g); g.connect(audio.destination);
    g.gain.setValueAtTime(0.2, audio.currentTime + at);
    o.start(audio.currentTime + at);
    o.stop(audio.currentTime + at + seconds);
  }

  function signal(yes) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (yes) { tone(880, 0.15, 0); } else { tone(220, 0.25, 0); tone(220, 0.25, 0.35); }
    } catch (e) { /* no sound here: the colour and the words still say it */ }
    if (navigator.vibrate) { navigator.vibrate(yes ? 120 : [300, 120, 300]); }
  }

  var sent = null;

  function scanned(data) {
    if (data.status === 'begin') {
      sent = field().value;
    } else if (data.status === 'complete') {
      if (field().value === sent) { field().value = ''; }   // unless the next guest's code is being typed already
    } else if (data.status === 'success') {
      var answer = document.getElementById('answer');
      marqueeConsole.localTimes(answer);
      signal(answer.getAttribute('data-result') === 'yes');
      field().focus();
    }
  }

  function camera() {
    var button = document.getElementById('camera');
    if (!button || !('BarcodeDetector' in window) || !navigator.mediaDevices) { return; }
    button.hidden = false;
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    var video = document.getElementById('cameraView');
    var last = '', lastAt = 0;
    button.addEventListener('click', function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
        video.srcObject = stream; video.hidden = false; video.play();
        button.hidden = true;
        (function look() {
          detector.detect(video).then(function (codes) {
            var now = Date.now();
            if (codes.length && (codes[0].rawValue !== last || now - lastAt > 3000)) {
              last = codes[0].rawValue; lastAt = now;
              field().value = last;
              document.getElementById('check').click();
            }
            setTimeout(look, 250);
          }).catch(function () { setTimeout(look, 500); });
        })();
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () { camera(); if (field()) { field().focus(); } });
  if (document.readyState !== 'loading') { camera(); }
  return { scanned: scanned };
})();

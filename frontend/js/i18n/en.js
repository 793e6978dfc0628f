// @ts-check
/**
 * Every UI string of the site in English, shown on request. Same keys as `fr.js`
 * (tests/unit/frontend/test_dictionaries.py checks it); `i18n.js` looks them up.
 */

/** @type {Record<string, string>} */
export const ENGLISH = {
  "page.title": "ArchiLab — Digit recognition",
  "nav.skip": "Skip to content",
  "header.tagline": "Neural network lab",
  "language.switch": "Français",
  "language.switch.lang": "fr",
  "language.switch.title": "Afficher la page en français",
  "classify.heading": "Handwritten digit recognition",
  "classify.intro":
    "Draw a digit from 0 to 9 or upload a picture: a convolutional network trained on MNIST tells you what it sees.",
  "draw.heading": "Draw",
  "draw.canvas.label": "Drawing area: draw a digit from 0 to 9",
  "draw.hint":
    "With a mouse, a finger or a pen. With the keyboard: Enter to predict, Delete to clear.",
  "draw.clear": "Clear",
  "draw.predict": "Predict",
  "draw.auto": "Predict automatically after each stroke",
  "upload.heading": "Upload a picture",
  "upload.label": "Choose a picture",
  "upload.drop": "or drop it here (PNG, JPEG…)",
  "upload.chosen": "Analysed picture: {name}",
  "results.heading": "Result",
  "results.empty": "Draw a digit or upload a picture to see the network's answer.",
  "results.busy": "Analysing…",
  "results.verdict": "The network's answer",
  "results.table.caption": "The {count} most probable classes",
  "results.table.class": "Digit",
  "results.table.probability": "Probability",
  "results.model": "Model: {name} v{version}",
  "results.timing": "Inference: {inference} (total: {total})",
  "results.input.caption": "The 28×28 image the network actually received",
  "results.input.alt": "The 28×28 image the network received, enlarged",
  "results.warnings.heading": "Unreliable answer",
  "problem.heading": "Could not get a prediction",
  "problem.status": "Error {status}",
  "problem.request": "Reference: {id}",
  "problem.network.title": "The server does not answer",
  "problem.network.detail":
    "Check your connection or that the lab is running, then try again.",
  "problem.unexpected.title": "Unexpected error",
  "footer.model": "Serving model: {name} v{version}",
  "footer.accuracy": "test-set accuracy: {accuracy}",
  "footer.model.none": "No model is being served yet",
  "footer.health.ok": "Services up",
  "footer.health.degraded": "Services degraded",
  "footer.health.unknown": "Service status unknown",
  "nav.explorer": "Explore the network",
  "nav.classify": "Back to digit recognition",
  "explorer.title": "ArchiLab — Explore the network",
  "explorer.heading": "Explore the convolutional network",
  "explorer.intro":
    "Give the network a picture, then click a layer to see what it does with it: its feature maps, the filters that make them and the areas that counted for the decision.",
  "explorer.input.heading": "Input image",
  "explorer.model.label": "Model version",
  "explorer.model.serving": "{name} v{version} (serving)",
  "explorer.model.option": "{name} v{version}",
  "explorer.model.loading": "Loading models…",
  "explorer.model.none": "No model available",
  "explorer.draw.hint": "Draw a digit with a mouse, a finger or a pen, or upload a picture.",
  "explorer.upload.label": "Upload a picture",
  "explorer.image.none": "No image yet.",
  "explorer.image.drawing": "Image: your drawing",
  "explorer.image.file": "Image: {name}",
  "explorer.network.heading": "The network's layers",
  "explorer.network.hint": "From the input (left) to the output (right). Pick a layer.",
  "explorer.network.label": "Network layers, from input to output",
  "explorer.network.loading": "Loading layers…",
  "explorer.layer.params": "{count} parameters",
  "explorer.layer.field": "Receptive field: {size}×{size} px",
  "explorer.layer.none": "Pick a layer to see what it does.",
  "explorer.layer.shape": "Output: {shape}",
  "explorer.layer.flat": "This layer has no feature maps: its output is a plain vector of {count} numbers, with no spatial dimensions.",
  "explorer.layer.input": "This is the image itself, as the network receives it: it has no feature maps yet. Pick a later layer.",
  "explorer.layer.needImage": "Draw a digit or upload a picture to see this layer's feature maps.",
  "explorer.maps.heading": "Feature maps",
  "explorer.maps.busy": "Computing feature maps…",
  "explorer.maps.alt": "The {count} feature maps of layer {layer}, in a grid",
  "explorer.maps.hint": "Click a map to enlarge it, or choose its number.",
  "explorer.channel.label": "Map no.",
  "explorer.channel.heading": "Map {channel} of {layer}",
  "explorer.channel.alt": "Feature map {channel} of layer {layer}, enlarged",
  "explorer.channel.mean": "Mean activation: {value}",
  "explorer.channel.zeros": "Zero pixels: {value}",
  "explorer.channel.busy": "Loading the map…",
  "explorer.kernel.caption": "The kernel (filter {channel} of {layer}) that makes this map",
  "explorer.kernel.alt": "The weights of filter {channel} of layer {layer}",
  "explorer.kernel.none": "This layer has no kernel of its own for this map.",
  "explorer.kernel.averaged":
    "Each filter of {layer} has one kernel per input channel: the picture shows the mean of its {count} kernels, one per channel of the previous layer.",
  "explorer.kernel.single": "{layer} has a single input channel (the greyscale image): the picture shows its weights as they are.",
  "explorer.tile.label": "Map {channel}",
  "explorer.pattern.caption": "The pattern that excites this filter most",
  "explorer.pattern.alt": "The input pattern that activates filter {channel} of {layer} most",
  "explorer.pattern.busy": "Searching for the pattern (a few seconds the first time)…",
  "explorer.gradcam.heading": "Grad-CAM",
  "explorer.gradcam.toggle": "Overlay Grad-CAM",
  "explorer.gradcam.class": "Explained class",
  "explorer.gradcam.predicted": "Predicted class",
  "explorer.gradcam.busy": "Computing the Grad-CAM map…",
  "explorer.gradcam.alt": "Grad-CAM map overlaid on the input image",
  "explorer.gradcam.caption": "Areas that pushed the network towards “{label}” (layer {layer})",
  "explorer.gradcam.off": "Tick the box to see where the network looked.",
  "explorer.gradcam.scale": "Grad-CAM colour scale, from blue (low attention) to red (high attention)",
  "explorer.gradcam.low": "Low attention",
  "explorer.gradcam.high": "High attention",
  "explorer.glossary.heading": "Small glossary",
  "explorer.stats.caption": "Statistics of each map",
  "explorer.stats.mean": "Mean activation",
  "explorer.stats.zeros": "Zero pixels",
  "explorer.samples.heading": "Or an image from the test set",
  "explorer.samples.loading": "Loading examples…",
  "explorer.samples.none": "No examples for this model.",
  "explorer.samples.name": "Test image #{index} (class {label})",
  "report.heading": "Analysis report",
  "report.intro":
    "The server measures this model on its whole test set and writes a report (filters, feature maps, sparsity, dead filters, selectivity, Grad-CAM, confusions, guided questions).",
  "report.language": "Report language",
  "report.create": "Write the report",
  "report.pdf": "Download the PDF",
  "report.html": "Open the HTML page",
  "report.progress": "Report progress",
  "report.status.sending": "Sending the request…",
  "report.status.running": "Writing the report: {stage} ({percent})",
  "report.status.done": "Report ready (written in {seconds} s).",
  "report.status.failed": "The report could not be written: {error}",
  "report.stage.queued": "waiting",
  "report.stage.running": "starting",
  "report.stage.loading": "loading the model and data",
  "report.stage.measure": "measuring on the test set",
  "report.stage.feature-maps": "feature maps",
  "report.stage.grad-cam": "Grad-CAM",
  "report.stage.patterns": "filter patterns",
  "report.stage.charts": "charts",
  "report.stage.pdf": "laying out the PDF",
  "report.stage.done": "done",
  "layer.Conv2D": "A convolution slides small filters (kernels) over the image and computes, at each position, a weighted sum of the neighbouring pixels. Each filter makes a feature map that lights up where it recognises its pattern (edge, curve, corner…).",
  "layer.MaxPooling2D": "Max pooling cuts each map into small squares and keeps only the strongest value of each. The map gets smaller, the network tolerates small shifts and each next neuron sees a larger area of the image.",
  "layer.BatchNormalization": "Batch normalisation re-centres and rescales each channel with statistics learnt during training. It does not change the shape of the maps but makes learning faster and more stable.",
  "layer.relu": "The ReLU activation replaces every negative value by zero and lets positive ones through. This non-linearity is what makes stacking layers useful; the black areas of the maps are the zeros.",
  "layer.Flatten": "Flatten lays all the maps end to end as one long vector. The spatial layout is lost, but the dense layers that follow can combine every feature.",
  "layer.Dropout": "During training, dropout switches off a random share of the neurons so the network cannot learn by heart. At prediction time it lets everything through.",
  "layer.Dense": "A dense layer connects each of its inputs to each of its neurons through a learnt weight. It combines the features found earlier into higher-level clues, up to one score per digit.",
  "layer.softmax": "Softmax turns the scores of the ten digits into positive probabilities that add up to 1. The digit with the highest probability is the network's answer.",
  "layer.InputLayer": "The input layer receives the 28×28 greyscale image, scaled between 0 and 1. It computes nothing: it fixes the shape of the data.",
  "layer.other": "A {type} layer. It transforms the previous layer's output before passing it on to the next one.",
  "glossary.kernel.term": "Filter (kernel)",
  "glossary.kernel.definition": "A small grid of learnt weights (often 3×3) that the convolution slides over the image to detect a pattern.",
  "glossary.featuremap.term": "Feature map",
  "glossary.featuremap.definition": "The image a filter produces: bright where the filter's pattern is present, dark elsewhere.",
  "glossary.field.term": "Receptive field",
  "glossary.field.definition": "The area of the input image that one pixel of a map “sees”; it grows with every convolution and pooling.",
  "glossary.relu.term": "ReLU",
  "glossary.relu.definition": "The activation function max(0, x): keeps positive values, sets negative ones to zero.",
  "glossary.pooling.term": "Pooling",
  "glossary.pooling.definition": "Shrinking a map by summarising each small area (by its maximum, or its mean).",
  "glossary.gradcam.term": "Grad-CAM",
  "glossary.gradcam.definition": "A method that colours the areas of the image that contributed most to a class's score, using the gradients of the last convolution.",
  // Sentiment page
  "nav.sentiment": "Sentiment analysis",
  "sentiment.title": "ArchiLab — Sentiment analysis",
  "sentiment.heading": "Sentiment analysis",
  "sentiment.intro":
    "Write a review in French or English: a recurrent network (LSTM) says whether it is positive or negative, shows which words counted and how its opinion evolved word after word.",
  "sentiment.input.heading": "Text to analyse",
  "sentiment.text.label": "Your text",
  "sentiment.text.hint": "Ctrl+Enter to analyse.",
  "sentiment.counter": "{count} / {max} characters",
  "sentiment.language.label": "Language of the text",
  "sentiment.language.auto": "Detect automatically",
  "sentiment.language.option.fr": "French",
  "sentiment.language.option.en": "English",
  "sentiment.language.name.fr": "French",
  "sentiment.language.name.en": "English",
  "sentiment.analyse": "Analyse",
  "sentiment.examples.heading": "Examples to try",
  "sentiment.error.empty": "The text is empty: write at least one word.",
  "sentiment.error.long": "The text has {count} characters; the limit is {max}.",
  "sentiment.result.empty": "Write a text or pick an example, then click “Analyse”.",
  "sentiment.result.verdict": "The network's opinion",
  "sentiment.label.positive": "Positive",
  "sentiment.label.negative": "Negative",
  "sentiment.result.positive": "Probability that the text is positive: {value}",
  "sentiment.result.detected": "Detected language: {language}",
  "sentiment.result.hinted": "Given language: {language}",
  "sentiment.result.model": "Model: {name} v{version}",
  "sentiment.explanation.heading": "What counted",
  "sentiment.explanation.empty": "Analyse a text to see the contribution of each word.",
  "sentiment.explanation.failed": "The explanation could not be computed; the verdict above still holds.",
  "sentiment.method.legend": "Colour the words by",
  "sentiment.method.occlusion": "Occlusion",
  "sentiment.method.gradient": "Gradient × input",
  "sentiment.method.hint.occlusion":
    "Occlusion: how much the positive probability changes when the word is removed. Hover a word or walk through them with the arrow keys to see both of its scores.",
  "sentiment.method.hint.gradient_x_input":
    "Gradient × input: the sensitivity of the score to the word's embedding, times that embedding (0 for an unknown word). Hover a word or walk through them with the arrow keys to see both of its scores.",
  "sentiment.tokens.label": "The text, each word coloured by its contribution",
  "sentiment.tokens.direction.positive": "▲ pushes towards positive",
  "sentiment.tokens.direction.negative": "▼ pushes towards negative",
  "sentiment.tokens.direction.neutral": "● nearly neutral",
  "sentiment.tokens.score.occlusion": "occlusion {value}",
  "sentiment.tokens.score.gradient": "gradient × input {value}",
  "sentiment.tokens.oov": "out of vocabulary",
  "sentiment.tokens.oov.note":
    "Greyed words are outside the model's vocabulary: it never saw them in training and treats them all as one unknown word.",
  "sentiment.tokens.legend.negative": "▼ towards negative",
  "sentiment.tokens.legend.positive": "towards positive ▲",
  "sentiment.chart.heading": "The opinion along the text",
  "sentiment.chart.region": "Opinion chart, scrolls sideways",
  "scroll.hint": "Scroll →",
  "sentiment.chart.empty": "No word to plot.",
  "sentiment.chart.axis.y": "Positive probability",
  "sentiment.chart.boundary": "neutral (50%)",
  "sentiment.chart.point": "After “{word}”: {value}",
  "sentiment.chart.label":
    "Line of the positive probability along the {count} words: {start} after the first word (“{first}”), {end} at the end (minimum {min}, maximum {max}).",
  "sentiment.chart.table.caption": "Positive probability after each word",
  "sentiment.chart.table.index": "No.",
  "sentiment.chart.table.word": "Word",
  "sentiment.chart.table.value": "Positive probability",
  "sentiment.compare.heading": "LSTM or large language model?",
  "sentiment.compare.intro":
    "Send the same text to Mistral, a large language model, and compare its answer with the LSTM's.",
  "sentiment.compare.button": "Compare with Mistral",
  "sentiment.compare.busy": "Mistral is reading the text…",
  "sentiment.compare.unavailable.title": "Mistral is not configured on this server",
  "sentiment.compare.unavailable.lstm": "The LSTM analysis is still available.",
  "sentiment.compare.agree": "✓ Both models agree.",
  "sentiment.compare.disagree": "✗ The two models disagree.",
  "sentiment.compare.lstm.heading": "LSTM (this lab)",
  "sentiment.compare.mistral.heading": "Mistral",
  "sentiment.compare.label": "Opinion",
  "sentiment.compare.confidence": "Confidence",
  "sentiment.compare.latency": "Response time",
  "sentiment.compare.model": "Model",
  "sentiment.compare.usage": "Tokens",
  "sentiment.compare.usage.value": "{prompt} in, {completion} out",
  "sentiment.compare.cached": "Cached answer",
  "sentiment.compare.rationale": "Its rationale:",
  "sentiment.cells.heading": "Inside the LSTM cell",
  "sentiment.cells.intro":
    "An LSTM reads the text word by word while keeping a memory: at each word, its gates decide what it writes into it, what it forgets and what it shows. Watch them work on your text.",
  "sentiment.cells.button": "Look inside the LSTM",
  "sentiment.cells.empty": "Analyse a text, then open the cell to watch its gates work word by word.",
  "sentiment.cells.busy": "The network rereads the text, gate by gate…",
  "sentiment.cells.summary":
    "{cell} cell of {name} v{version}: the {units} most telling units out of {total}, over {words} words.",
  "sentiment.cells.region": "Heat map of the cell, scrolls sideways",
  "sentiment.cells.caption": "Inside the cell, word by word: one row per gate and unit, one column per word",
  "sentiment.cells.unit": "Unit",
  "sentiment.cells.direction.forward": "forward {index}",
  "sentiment.cells.direction.backward": "backward {index}",
  "sentiment.cells.correlation": "Correlation with the model's opinion: {value}",
  "sentiment.cells.value": "“{word}”: {value}",
  "sentiment.cells.unread": "not read",
  "sentiment.cells.legend.gates": "Gates: 0 closed → 1 open",
  "sentiment.cells.legend.states": "States: negative ← 0 → positive (each state on its own scale)",
  "sentiment.cells.legend.unread": "Word the model does not read (no letter or digit)",
  // Jobs and models pages
  "nav.jobs": "Training",
  "nav.models": "Models",
  "key.legend": "Your key",
  "key.label": "API key",
  "key.forget": "Forget the key",
  "key.hint":
    "Key from your teacher, kept in this browser. The admin key is printed when the lab first starts (and saved in <ARCHILAB_HOME>/admin.key).",
  "jobs.title": "ArchiLab — Train a model",
  "jobs.heading": "Train a model",
  "jobs.intro":
    "Pick data, an architecture and hyperparameters, start the training on the server and watch the curves being drawn epoch after epoch.",
  "jobs.form.heading": "New training run",
  "jobs.noWorker":
    "No training worker is running on the server: a run launched now will wait in the queue until a worker starts (python -m lab_trainer; archilab up and docker compose start one).",
  "jobs.form.data": "Data and model",
  "jobs.form.hyper": "Hyperparameters",
  "jobs.task.label": "Task",
  "jobs.task.image": "Images (classification)",
  "jobs.task.text": "Texts (sentiment)",
  "jobs.dataset.label": "Dataset",
  "jobs.dataset.loading": "Loading the datasets…",
  "jobs.dataset.none": "No dataset available",
  "jobs.dataset.unavailable": "{id} (unavailable)",
  "jobs.dataset.classes": "{count} classes",
  "jobs.dataset.size": "{count} examples",
  "jobs.dataset.why": "{id}: {reason}",
  "jobs.dataset.why.summary": "Why are some datasets greyed out?",
  "jobs.dataset.missing": "files missing on the server",
  "jobs.architecture.label": "Architecture",
  "jobs.architecture.digits-cnn": "3-block CNN (default)",
  "jobs.architecture.digits-cnn.hint":
    "Three convolution → pooling → normalisation → ReLU blocks, then a dense layer of 128 neurons.",
  "jobs.architecture.tiny-cnn": "Tiny CNN",
  "jobs.architecture.tiny-cnn.hint": "A single 8-filter convolution and a softmax: fast, and weak on purpose.",
  "jobs.architecture.mlp": "Multilayer perceptron (MLP)",
  "jobs.architecture.dense": "Dense network (one hidden layer)",
  "jobs.architecture.dense.hint":
    "The flattened image and a single dense layer of 64 units: the challenges' baseline model.",
  "jobs.architecture.mlp.hint": "The flattened image and two dense layers, no convolution: for comparison.",
  "jobs.architecture.bilstm": "Bidirectional LSTM (default)",
  "jobs.architecture.bilstm.hint":
    "Word vectorisation, a 64-dimension embedding, a bidirectional LSTM of 64 units.",
  "jobs.architecture.embedding-bag": "Embedding bag",
  "jobs.architecture.embedding-bag.hint":
    "The mean of the word embeddings, no recurrence: a fast baseline.",
  "jobs.architecture.bilstm-pretrained": "Bidirectional LSTM + pretrained vectors",
  "jobs.architecture.bilstm-pretrained.hint":
    "The same bidirectional LSTM, but its word embeddings start from vectors learned on billions of words and stay frozen; compare with random vectors.",
  "jobs.embedding.label": "Word vectors",
  "jobs.embedding.fr-fasttext-300": "French fastText 300 d",
  "jobs.embedding.en-glove-50": "English GloVe 50 d",
  "jobs.embedding.random": "random",
  "jobs.embedding.auto": "from the texts' language",
  "jobs.embedding.fr-fasttext-300.hint":
    "20,000 vectors of 300 dimensions learned by fastText on the French web (Common Crawl and Wikipedia), shipped with spaCy.",
  "jobs.embedding.en-glove-50.hint":
    "400,000 vectors of 50 dimensions learned by GloVe on 6 billion English words (Wikipedia and Gigaword).",
  "jobs.embedding.random.hint":
    "No pretrained vectors: the embedding starts from random values and is learned from your texts. The same model, to measure what the vectors bring.",
  "jobs.embedding.auto.hint":
    "This dataset's language is not known: the server reads it from the texts and takes the French or English vectors.",
  "jobs.embedding.mismatch":
    "Careful: {vectors} word vectors, {texts} texts: few words will have a vector. Worth trying to compare, not to get a good model.",
  "jobs.language.fr": "French",
  "jobs.language.en": "English",
  "jobs.modelName.label": "Model name",
  "jobs.modelName.hint":
    "Default: “{default}”. The recognition and sentiment pages serve “digits”, “sentiment-fr” and “sentiment-en” to the whole class: only a teacher's (admin) key may promote a version of them.",
  "jobs.epochs.label": "Epochs",
  "jobs.batchSize.label": "Batch size",
  "jobs.learningRate.label": "Learning rate",
  "jobs.optimizer.label": "Optimizer",
  "jobs.dropout.label": "Dropout",
  "jobs.validationShare.label": "Validation share",
  "jobs.patience.label": "Patience (early stopping)",
  "jobs.patience.hint":
    "Empty: no early stopping. Otherwise training stops after this many epochs without validation progress.",
  "jobs.augment.label": "Augment the images (small random shifts)",
  "jobs.promote.label": "Promote to production when done",
  "jobs.submit": "Start training",
  "jobs.error.dataset": "Choose an available dataset.",
  "jobs.error.number": "The “{field}” field must hold a number.",
  "jobs.monitor.heading": "Training progress",
  "jobs.monitor.empty": "Start a training run, or pick one in the history to follow it.",
  "jobs.monitor.summary": "{dataset} · {architecture} · {epochs} epochs · by {owner}",
  "jobs.monitor.queued": "Waiting for a free training worker…",
  "jobs.monitor.running": "Training on the server.",
  "jobs.monitor.cancelling": "Cancellation requested: training stops at the end of the current batch.",
  "jobs.monitor.failed": "Training failed: {error}",
  "jobs.monitor.cancelled": "Training cancelled.",
  "jobs.monitor.duration": "Duration: {duration}.",
  "jobs.monitor.test": "On the test set: accuracy {accuracy}, loss {loss}.",
  "jobs.monitor.test.accuracy": "Accuracy on the test set: {accuracy}.",
  "jobs.monitor.model": "Version produced: {name} v{version}.",
  "jobs.monitor.model.promoted": "Version produced and promoted to production: {name} v{version}.",
  "jobs.monitor.model.link": "See {name} v{version} in the models",
  "jobs.diagnosis.heading": "Diagnosis",
  "jobs.diagnosis.try": "Things to try:",
  "jobs.diagnosis.unchecked": "Not checked ({count})",
  "jobs.progress.label": "Training progress",
  "jobs.progress.epoch": "epoch {epoch} of {epochs}",
  "jobs.queue.place": "Place in the queue: {position}",
  "jobs.queue.wait": "likely to start in {wait}",
  "jobs.queue.starting": "about to start",
  "jobs.queue.fair":
    "Jobs start in turn across teams; the wait is estimated from the durations of recent jobs.",
  "jobs.progress.eta": "about {eta} left",
  "jobs.progress.reconnecting": "connection lost, reconnecting…",
  "jobs.progress.polling": "followed by reading it every 2 s",
  "jobs.cancel": "Cancel training",
  "jobs.status.queued": "Queued",
  "jobs.status.running": "Running",
  "jobs.status.succeeded": "Succeeded",
  "jobs.status.failed": "Failed",
  "jobs.status.cancelled": "Cancelled",
  "jobs.log.heading": "Log",
  "jobs.log.empty": "Nothing yet.",
  "jobs.log.status": "Status: {status}",
  "jobs.log.attempt": " (attempt {attempt})",
  "jobs.log.epoch": "Epoch {epoch}: loss {loss}, accuracy {accuracy}.",
  "jobs.log.validation": "Validation: loss {loss}, accuracy {accuracy}.",
  "jobs.curves.empty": "The curves appear with the first measurements.",
  "jobs.curves.loss.heading": "Loss",
  "jobs.curves.accuracy.heading": "Accuracy",
  "jobs.curves.axis.x": "Epochs",
  "jobs.curves.loss.label.one": "Loss curve: {count} epoch done.",
  "jobs.curves.loss.label.other": "Loss curve: {count} epochs done.",
  "jobs.curves.accuracy.label.one": "Accuracy curve: {count} epoch done.",
  "jobs.curves.accuracy.label.other": "Accuracy curve: {count} epochs done.",
  "jobs.curves.last": "Last epoch: training {train}, validation {validation}.",
  "jobs.curves.last.train": "Last epoch: training {train}.",
  "jobs.curves.legend.train": "training (end of epoch)",
  "jobs.curves.legend.validation": "validation (end of epoch)",
  "jobs.curves.legend.batch": "training, batch after batch",
  "jobs.curves.table.summary": "See the values of each epoch",
  "jobs.curves.table.caption": "Measurements at the end of each epoch",
  "jobs.curves.table.epoch": "Epoch",
  "jobs.curves.table.loss": "Loss",
  "jobs.curves.table.val_loss": "Loss (validation)",
  "jobs.curves.table.accuracy": "Accuracy",
  "jobs.curves.table.val_accuracy": "Accuracy (validation)",
  "jobs.curves.table.seconds": "Seconds",
  "jobs.history.heading": "Training history",
  "jobs.history.refresh": "Refresh",
  "jobs.history.hint": "Click a row to follow or review that training run.",
  "jobs.history.empty": "No training run yet.",
  "jobs.history.caption": "Training runs, newest first",
  "jobs.history.column.watch": "Follow",
  "jobs.history.column.status": "Status",
  "jobs.history.column.dataset": "Data",
  "jobs.history.column.architecture": "Architecture",
  "jobs.history.column.owner": "Team",
  "jobs.history.column.created": "Created",
  "jobs.history.column.duration": "Duration",
  "jobs.history.column.accuracy": "Accuracy (test)",
  "jobs.history.column.model": "Version produced",
  "jobs.history.watch": "View",
  "jobs.history.watch.context": "the run of {created} on {dataset}",
  "jobs.footer": "Training runs on the server: you can close this page and come back later.",
  "models.title": "ArchiLab — Models",
  "models.heading": "Models and versions",
  "models.intro":
    "Every successful training run adds a version to its model. The production version is the one the recognition and sentiment pages serve.",
  "models.list.heading": "Registered models",
  "models.refresh": "Refresh",
  "models.loading": "Loading…",
  "models.list.empty": "No model registered yet.",
  "models.list.caption": "Pick a model to see its versions",
  "models.list.column.name": "Model",
  "models.list.column.task": "Task",
  "models.list.column.versions": "Versions",
  "models.list.column.production": "In production",
  "models.list.column.latest": "Latest",
  "models.task.image-classification": "Images",
  "models.task.text-classification": "Texts",
  "models.none": "none",
  "models.versions.heading": "Versions",
  "models.versions.of": "Versions of {name}",
  "models.versions.choose": "Pick a model in the list.",
  "models.versions.intro": "Compare the versions, then promote the best one to production; this needs a key.",
  "models.versions.empty": "This model has no version.",
  "models.versions.caption": "The versions, newest first",
  "models.versions.region": "Versions table, scrolls sideways",
  "models.list.region": "Models table, scrolls sideways",
  "models.history.region": "Promotion history, scrolls sideways",
  "models.versions.column.version": "Version",
  "models.versions.column.state": "Status",
  "models.versions.column.accuracy": "Accuracy (test)",
  "models.versions.column.dataset": "Data",
  "models.versions.column.config": "Training settings",
  "models.versions.column.duration": "Duration",
  "models.versions.column.created": "Created",
  "models.versions.column.action": "Action",
  "models.production": "In production",
  "models.promote": "Promote v{version} to production",
  "models.rollback": "Roll back to v{version}",
  "models.confirm.promote.title": "Promote to production?",
  "models.confirm.promote":
    "Make version {version} of “{name}” the production version? The pages serving this model switch to it within seconds.",
  "models.confirm.rollback.title": "Roll back to an earlier version?",
  "models.confirm.rollback":
    "Put version {version} of “{name}” back in production instead of version {production}? No version is deleted.",
  "dialog.confirm": "Confirm",
  "dialog.cancel": "Cancel",
  "models.loss": "loss {value}",
  "models.config.architecture": "{value}",
  "models.config.epochs": "{value} epochs",
  "models.config.batch_size": "batches of {value}",
  "models.config.optimizer": "{value}",
  "models.config.learning_rate": "rate {value}",
  "models.config.dropout": "dropout {value}",
  "models.config.embedding": "{value} vectors",
  "models.config.all": "All settings",
  "models.owner": "by {owner}",
  "models.job.link": "see the training run",
  "models.yes": "yes",
  "models.no": "no",
  "models.reason.label": "Reason for the promotion (optional)",
  "models.rollback.hint":
    "Rolling back means promoting an older version: no version is ever deleted.",
  "models.promoting": "Promoting v{version}…",
  "models.promoted": "{name} v{version} is now in production.",
  "models.promoted.from": "{name} v{version} is now in production (instead of v{previous}).",
  "models.promoted.reload":
    "The recognition and sentiment pages use it within a few seconds, without a restart.",
  "models.history.heading": "Promotion history",
  "models.history.empty": "No promotion yet.",
  "models.history.caption": "The promotions, newest first",
  "models.history.column.date": "Date",
  "models.history.column.version": "Version",
  "models.history.column.previous": "Replaces",
  "models.history.column.actor": "By",
  "models.history.column.reason": "Reason",
  "models.footer": "The services take a promotion into account within a few seconds, without a restart.",
  "nav.teams": "Teams",
  "signIn.checking": "Team key saved in this browser; checking…",
  "signIn.team": "Signed in as team '{team}': the key is saved in this browser.",
  "signIn.admin": "Signed in with an admin key, saved in this browser.",
  "signIn.refused":
    "This key is unknown or revoked, so it was not kept. Ask your teacher for a new sheet.",
  "signIn.unreachable":
    "Key saved, but the server does not answer: the team cannot be checked for now.",
  "teams.title": "ArchiLab — Teams",
  "teams.heading": "Teams",
  "teams.intro":
    "Make the session's team keys in one go, print one sheet per team with its sign-in QR code, and revoke them all at the end.",
  "teams.create.heading": "Make the team keys",
  "teams.key.legend": "Admin key",
  "teams.key.hint":
    "The admin key, printed when the lab first starts (and saved in <ARCHILAB_HOME>/admin.key).",
  "teams.mode.legend": "The teams",
  "teams.mode.count": "A number of teams (equipe-1, equipe-2…)",
  "teams.count.label": "Number of teams (1 to 40)",
  "teams.mode.names": "Their names",
  "teams.names.label": "Team names, one per line",
  "teams.names.hint":
    "Accents, capitals and spaces are converted: 'Équipe Rouge' becomes equipe-rouge.",
  "teams.address.legend": "Address for the students",
  "teams.address.label": "The site's address as the students' devices reach it",
  "teams.address.hint": "The QR codes open this address.",
  "teams.address.local":
    "This address only reaches this computer: the students' phones will not get there. Give the server's address on the classroom network (for example http://192.168.1.10:8000).",
  "teams.create": "Make the keys",
  "teams.creating": "Making the keys…",
  "teams.created": "{count} team key(s) made: print the sheets below.",
  "teams.end.heading": "End of the session",
  "teams.end.hint": "Every team key stops working; the admin key stays valid.",
  "teams.revoke": "Revoke every team key",
  "teams.revoke.title": "Revoke every team key?",
  "teams.revoke.text":
    "No team will be able to start a training job or promote a model with its key; the printed sheets stop working. Their jobs and models are kept.",
  "teams.revoked": "{count} team key(s) revoked.",
  "teams.list.heading": "Existing keys",
  "teams.list.refresh": "Show the keys",
  "teams.list.empty": "No key.",
  "teams.list.role": "Role",
  "teams.list.team": "Team",
  "teams.list.prefix": "Key starts with",
  "teams.list.created": "Made",
  "teams.list.state": "State",
  "teams.list.live": "live",
  "teams.list.revoked": "revoked {date}",
  "teams.role.admin": "admin",
  "teams.role.team": "team",
  "teams.sheets.heading": "Sheets to print",
  "teams.print": "Print the sheets",
  "teams.sheets.once":
    "Print them now: the keys are shown only once and are gone if you leave the page.",
  "teams.sheet.id": "Team name in ArchiLab: {team}",
  "teams.sheet.qr": "Sign-in QR code of team {team}",
  "teams.sheet.link": "Or open this link:",
  "teams.sheet.step1":
    "Scan the QR code with a phone, or type the link into the browser of the team's computer.",
  "teams.sheet.step2":
    "The page saves the team's key in that browser and shows the team's name: you can start your training jobs.",
  "teams.sheet.step3":
    "Keep this sheet within your team: the key gives access to your jobs. It is revoked at the end of the session.",
  "teams.footer":
    "Each sheet's link carries the key after '#': the browser never sends it to the server.",
  "nav.challenges":
    "Challenges",
  "challenges.title":
    "ArchiLab — Challenges",
  "challenges.heading":
    "Challenges",
  "challenges.intro":
    "Improve a deliberately weak model: read its diagnosis, run experiments, submit the best. The score is measured on a hidden part of the data.",
  "challenges.key.hint":
    "Your team's key, or the admin key for the teacher.",
  "challenges.key.none":
    "Enter a key to see the challenges.",
  "challenges.key.admin":
    "Signed in as the teacher (admin key).",
  "challenges.key.team":
    "Signed in as team “{team}”.",
  "challenges.list.heading":
    "The challenges",
  "challenges.list.empty":
    "No open challenge yet.",
  "challenges.list.emptyAdmin":
    "No challenge: create one opposite.",
  "challenges.create.heading":
    "Create a challenge",
  "challenges.template.label":
    "Challenge template",
  "challenges.template.unavailable":
    "{id} (unavailable here)",
  "challenges.template.sizes":
    "{dataset} data: {sizes} examples.",
  "challenges.split.train":
    "training",
  "challenges.split.validation":
    "validation",
  "challenges.split.public":
    "public test",
  "challenges.split.private":
    "private test",
  "challenges.quota.label":
    "Submissions per team",
  "challenges.titleField.label":
    "Title (optional)",
  "challenges.create":
    "Create the challenge",
  "challenges.creating":
    "Creating the challenge and starting the baseline…",
  "challenges.created":
    "Challenge created (draft): the baseline is training. Open it when the teams are ready.",
  "challenges.teamsLink":
    "Team keys and sheets",
  "challenges.loading":
    "Loading the challenge…",
  "challenges.status.draft":
    "Draft (teams cannot see it)",
  "challenges.status.open":
    "Open",
  "challenges.status.frozen":
    "Frozen: no more submissions",
  "challenges.status.revealed":
    "Results revealed",
  "challenges.run.heading":
    "Run the challenge",
  "challenges.action.open":
    "Open",
  "challenges.action.freeze":
    "Freeze",
  "challenges.action.reveal":
    "Reveal",
  "challenges.done.open":
    "Challenge open: the teams can see it.",
  "challenges.done.freeze":
    "Challenge frozen: no submission is accepted any more.",
  "challenges.done.reveal":
    "Results revealed: private score and final ranking.",
  "challenges.export":
    "Export as CSV",
  "challenges.projector":
    "Projector mode",
  "challenges.projector.exit":
    "Leave projector mode",
  "challenges.baseline.training":
    "Baseline: training.",
  "challenges.baseline.queued":
    "Baseline: being scored.",
  "challenges.baseline.failed":
    "Baseline: scoring failed.",
  "challenges.baseline.scored":
    "Baseline: {score} on the public test.",
  "challenges.all.heading":
    "Every submission",
  "challenges.all.column.when":
    "When",
  "challenges.all.column.team":
    "Team",
  "challenges.all.column.job":
    "Training job",
  "challenges.all.column.note":
    "Note",
  "challenges.all.column.status":
    "State",
  "challenges.all.column.public":
    "Public score",
  "challenges.all.column.shown":
    "Shown score",
  "challenges.all.column.private":
    "Private score",
  "challenges.submissions.none":
    "No submission yet.",
  "challenges.rules.heading":
    "Rules",
  "challenges.rules.quota":
    "At most {quota} submissions per team.",
  "challenges.rules.running":
    "At most {count} training jobs at once per team.",
  "challenges.rules.splits":
    "Data: {train} training images, {validation} validation; {public} public test and {private} private test, hidden.",
  "challenges.rules.hidden":
    "Test images and labels never leave the server: your training jobs read only the training and validation parts.",
  "challenges.rules.ladder":
    "The shown public score rises only when a new score beats the best by at least one standard error (rounded to 0.1 point); a gain under two standard errors is “not significant”. The final ranking uses the private test.",
  "challenges.rules.seed":
    "Split drawn from seed {seed}.",
  "challenges.dossier.heading":
    "The baseline's dossier",
  "challenges.dossier.none":
    "The baseline has not started yet.",
  "challenges.dossier.spec":
    "Architecture {architecture}, optimizer {optimizer}, learning rate {rate}, {epochs} epochs, batches of {batch} — {status}.",
  "challenges.dossier.curves":
    "Learning curves",
  "challenges.dossier.diagnosis":
    "Automatic diagnosis",
  "challenges.dossier.waiting":
    "The diagnosis comes when the training ends.",
  "challenges.dossier.confusion":
    "Confusion matrix (validation)",
  "challenges.dossier.confusionCaption":
    "Rows: true class; columns: predicted class (validation images)",
  "challenges.dossier.noConfusion":
    "No confusion matrix for this model version.",
  "challenges.dossier.trueClass":
    "True class",
  "challenges.dossier.recall":
    "Recall",
  "confused.show":
    "{count} images of class {true} predicted {predicted}: show them",
  "confused.heading":
    "True class {true}, predicted {predicted}: {count} validation images, {shown} shown (most confident mistakes first).",
  "confused.caption":
    "true {true}, predicted {predicted} ({probability})",
  "confused.alt":
    "Validation image no. {position}: true class {true}, predicted {predicted} with probability {probability}",
  "confused.leftOut":
    "{count} of these images are not shown: a running challenge hides them.",
  "confused.none":
    "No image kept for this cell.",
  "confused.loading":
    "Loading the confused images…",
  "challenges.jobStatus.queued":
    "queued",
  "challenges.jobStatus.running":
    "running",
  "challenges.jobStatus.succeeded":
    "finished",
  "challenges.jobStatus.failed":
    "failed",
  "challenges.jobStatus.cancelled":
    "cancelled",
  "challenges.experiments.heading":
    "Your experiments",
  "challenges.launch":
    "Launch an experiment",
  "challenges.refresh":
    "Refresh",
  "challenges.remaining":
    "Submissions left: {count} of {quota}.",
  "challenges.closed.draft":
    "The challenge is not open yet.",
  "challenges.closed.frozen":
    "The challenge is frozen: no more submissions.",
  "challenges.closed.revealed":
    "The challenge is over: results revealed.",
  "challenges.jobs.empty":
    "No experiment in this challenge: launch one.",
  "challenges.jobs.title":
    "Training job {id} — {architecture}, {epochs} epoch(s)",
  "challenges.jobs.validation":
    "validation {value}",
  "challenges.jobs.open":
    "Curves and diagnosis",
  "challenges.jobs.submitted":
    "Submitted.",
  "challenges.note.label":
    "Note for {id}: what you changed and why",
  "challenges.note.placeholder":
    "For example: learning rate divided by 100, the loss was bouncing.",
  "challenges.submit":
    "Submit",
  "challenges.submitted":
    "Submission received: it is being scored.",
  "challenges.submissions.heading":
    "Your submissions",
  "challenges.submissions.empty":
    "No submission yet.",
  "challenges.submissions.column.when":
    "When",
  "challenges.submissions.column.job":
    "Training job",
  "challenges.submissions.column.note":
    "Note",
  "challenges.submissions.column.status":
    "State",
  "challenges.submissions.column.score":
    "Shown score",
  "challenges.submissions.column.delta":
    "Δ baseline",
  "challenges.submissions.column.significant":
    "Significant?",
  "challenges.submission.external":
    "trained elsewhere",
  "challenges.submission.queued":
    "being scored",
  "challenges.submission.scored":
    "scored",
  "challenges.submission.failed":
    "scoring failed (not counted)",
  "challenges.significant":
    "significant",
  "challenges.notSignificant":
    "not significant",
  "challenges.points":
    "{value} pts",
  "challenges.leaderboard.heading":
    "Leaderboard",
  "challenges.live.connecting":
    "Connecting to the live leaderboard…",
  "challenges.live.open":
    "Live",
  "challenges.live.reconnecting":
    "Connection lost, reconnecting…",
  "challenges.board.caption":
    "Ranking on the public test (the baseline is pinned, unranked)",
  "challenges.board.loading":
    "Loading the leaderboard…",
  "challenges.board.empty":
    "No team ranked yet.",
  "challenges.board.pinned":
    "ref.",
  "challenges.board.baseline":
    "Baseline",
  "challenges.board.column.rank":
    "Rank",
  "challenges.board.column.team":
    "Team",
  "challenges.board.column.public":
    "Public score",
  "challenges.board.column.delta":
    "Δ baseline",
  "challenges.board.column.errorsRemoved":
    "Errors removed",
  "challenges.board.column.submissions":
    "Submissions",
  "challenges.board.column.architecture":
    "Architecture",
  "challenges.board.column.parameters":
    "Parameters",
  "challenges.board.column.latency":
    "Latency / image",
  "challenges.board.column.last":
    "Last submission",
  "challenges.board.column.private":
    "Private score",
  "challenges.board.column.finalRank":
    "Final rank",
  "challenges.board.column.rankChange":
    "Change",
  "jobs.challenge.bound":
    "These training jobs count for the challenge “{title}” ({dataset} data, training and validation parts only).",
  "jobs.challenge.back":
    "Back to the challenge",
};

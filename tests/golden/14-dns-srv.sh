# SRV records of the headless Service: one per Ready Pod, weight 100/n as CoreDNS shares it.
# busybox:1.28 (the tutorial's image) has the small nslookup, which cannot ask for a type; from
# busybox 1.29 on, and in Debian's dnsutils image (bind9 nslookup), -type=srv answers.
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
sleep 30s
kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm
nslookup -type=srv _web._tcp.nginx.default.svc.cluster.local
exit
kubectl run -i --tty --image busybox:1.36 dns-srv --restart=Never --rm
nslookup -type=srv _web._tcp.nginx.default.svc.cluster.local
nslookup -query=srv _web._tcp.nginx.default.svc.cluster.local
nslookup -q=SRV nginx.default.svc.cluster.local
nslookup -type=srv _web._udp.nginx.default.svc.cluster.local
nslookup -type=mx nginx.default.svc.cluster.local
nslookup -type=foo nginx
nslookup web-0.nginx
nslookup nginx
exit
kubectl scale sts web --replicas=3
sleep 20s
kubectl exec web-0 -- sh -c 'nslookup nginx'
kubectl run dnsutils --image=registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3 --restart=Never -- sleep infinity
sleep 10s
kubectl exec dnsutils -- nslookup -type=srv _web._tcp.nginx
kubectl exec dnsutils -- nslookup web-2.nginx
kubectl exec dnsutils -- nslookup -q=srv _web._tcp.nginx.default.svc.cluster.local
kubectl exec dnsutils -- nslookup -type=srv web-9.nginx
kubectl exec dnsutils -- nslookup -type=srv _web._udp.nginx.default.svc.cluster.local
kubectl exec dnsutils -- nslookup -type=foo web-0.nginx
kubectl exec dnsutils -- nslookup -type=aaaa web-0.nginx
kubectl exec dnsutils -- nslookup 10.96.0.10
